import COpenBLAS
import Foundation

/// OpenBLAS, loaded at run time with the kernel chosen for this CPU.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` in its load-time constructor, so setting the variable from
/// `main` is too late once the library is linked. aelab therefore does not link it: the first use
/// sets the variable (unless the user set it) and then `dlopen`s the library.
public final class BLASLibrary: @unchecked Sendable {
    typealias SgemmFunction = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32,
        Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
        Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias SgemvFunction = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    /// LAPACK's divide-and-conquer SVD, Fortran calling convention (column-major, by reference).
    typealias SgesddFunction = @convention(c) (
        UnsafePointer<CChar>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?,
        UnsafeMutablePointer<Float>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Float>?,
        UnsafeMutablePointer<Float>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Float>?,
        UnsafePointer<Int32>?, UnsafeMutablePointer<Float>?, UnsafePointer<Int32>?,
        UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, Int) -> Void
    typealias CorenameFunction = @convention(c) () -> UnsafeMutablePointer<CChar>?
    typealias SetThreadsFunction = @convention(c) (Int32) -> Void

    let sgemm: SgemmFunction
    let sgemv: SgemvFunction
    let sgesdd: SgesddFunction
    private let corenameFunction: CorenameFunction
    private let setThreadsFunction: SetThreadsFunction

    /// The core aelab asked for (nil when the CPU has no AVX and OpenBLAS chooses).
    public let requestedCore: String?
    /// Where the request came from: "cpu features", "OPENBLAS_CORETYPE" (the user's), or "none".
    public let requestSource: String
    /// The library file that was loaded.
    public let path: String

    /// The kernel OpenBLAS actually uses, as `openblas_get_corename` reports it.
    public var coreName: String { corenameFunction().map { String(cString: $0) } ?? "unknown" }
    func setThreads(_ n: Int) { setThreadsFunction(Int32(max(1, n))) }

    /// Runs `body` with OpenBLAS's own threads, one a core: for LAPACK, whose routines aelab
    /// does not split. Matrix products run with one OpenBLAS thread each, split by `BLAS.gemm`.
    func withOwnThreads<T>(_ body: () throws -> T) rethrows -> T {
        setThreads(Parallel.cores)
        defer { setThreads(1) }
        return try body()
    }

    /// True when OpenBLAS runs the core that was asked for.
    public var usesRequestedCore: Bool {
        guard let requested = requestedCore else { return true }
        return requested.lowercased() == coreName.lowercased()
    }

    public enum LoadError: Error, CustomStringConvertible {
        case notFound(tried: [String], reason: String)
        case missingSymbol(String, path: String)
        public var description: String {
            switch self {
            case let .notFound(tried, reason):
                return "cannot load OpenBLAS (tried \(tried.joined(separator: ", ")): \(reason); install it with apt-get install libopenblas-dev"
            case let .missingSymbol(name, path):
                return "OpenBLAS at \(path) lacks the symbol \(name)"
            }
        }
    }

    private init(handle: UnsafeMutableRawPointer, path: String, requestedCore: String?, source: String) throws {
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let pointer = dlsym(handle, name) else { throw LoadError.missingSymbol(name, path: path) }
            return unsafeBitCast(pointer, to: type)
        }
        sgemm = try symbol("cblas_sgemm", as: SgemmFunction.self)
        sgemv = try symbol("cblas_sgemv", as: SgemvFunction.self)
        sgesdd = try symbol("sgesdd_", as: SgesddFunction.self)
        corenameFunction = try symbol("openblas_get_corename", as: CorenameFunction.self)
        setThreadsFunction = try symbol("openblas_set_num_threads", as: SetThreadsFunction.self)
        self.path = path
        self.requestedCore = requestedCore
        self.requestSource = source
    }

    /// Sets `OPENBLAS_CORETYPE` from the CPU's features (unless already set) and loads OpenBLAS.
    static func load(features: CPUFeatures = .current()) throws -> BLASLibrary {
        let requested: String?
        let source: String
        if let fromUser = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], !fromUser.isEmpty {
            requested = fromUser
            source = "OPENBLAS_CORETYPE"
        } else if let core = features.openBLASCore {
            setenv("OPENBLAS_CORETYPE", core, 1)
            requested = core
            source = "cpu features"
        } else {
            requested = nil
            source = "none"
        }
        // aelab splits matrix products between cores itself (`BLAS.gemm`), so OpenBLAS's own
        // workers run only inside LAPACK calls. Idle, they spin (sched_yield) for about 2²⁸
        // cycles before sleeping, taking a core the training thread needs; 2⁴ lets them sleep
        // at once.
        if ProcessInfo.processInfo.environment["OPENBLAS_THREAD_TIMEOUT"] == nil {
            setenv("OPENBLAS_THREAD_TIMEOUT", "4", 1)
        }
        let candidates = ["libopenblas.so.0", "libopenblas.so"]
        var reason = "not found"
        for name in candidates {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                let library = try BLASLibrary(handle: handle, path: name, requestedCore: requested, source: source)
                library.setThreads(1)
                if !library.usesRequestedCore {
                    // Never fall back silently: a wrong core costs up to 5× in every matrix product.
                    FileHandle.standardError.write(Data(
                        "aelab: asked OpenBLAS for core \(requested ?? "?") (\(source)) but it runs \(library.coreName)\n".utf8))
                }
                return library
            }
            if let message = dlerror() { reason = String(cString: message) }
        }
        throw LoadError.notFound(tried: candidates, reason: reason)
    }

    private static let loaded: Result<BLASLibrary, Error> = Result { try load() }

    /// The process-wide library, loaded on first use.
    public static func shared() throws -> BLASLibrary { try loaded.get() }

    /// The library for the numeric kernels. A machine without OpenBLAS cannot compute at all,
    /// so this ends the process with one clear line instead of trapping.
    static var kernels: BLASLibrary {
        switch loaded {
        case .success(let library): return library
        case .failure(let error):
            FileHandle.standardError.write(Data("aelab: \(error)\n".utf8))
            exit(2)
        }
    }
}
