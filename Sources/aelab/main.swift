import Tensors
let blas = try BLASLibrary.shared()
print(blas.coreName, blas.threads, blas.requestSource)
