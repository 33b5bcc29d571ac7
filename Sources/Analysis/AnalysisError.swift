/// Why a measurement was refused: what was given, and what was expected instead.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    /// A set that must hold something was empty ("k-means: no rows to cluster").
    case empty(String)
    /// Two inputs that must agree in length or width do not.
    case mismatch(String)
    /// A parameter is outside what the computation can take (k larger than the set, say).
    case invalid(String)
    /// The computation itself failed (LAPACK did not converge).
    case failed(String)

    public var description: String {
        switch self {
        case .empty(let message), .mismatch(let message), .invalid(let message), .failed(let message):
            return message
        }
    }
}
