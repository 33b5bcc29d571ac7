// Elementwise transcendental kernels: exp and log by Cephes' polynomials (a few ulp, as in
// Vectorized.swift), written with plain arithmetic and bit casts so that each clone's loop
// vectorises at its own width: 16 lanes with AVX-512 where the Swift code gets 4.
#include "ckernels.h"
#include "fastmath.h"

CLONES
void aelab_sigmoid(const float *restrict x, float *restrict y, size_t n) {
    for (size_t i = 0; i < n; i++) y[i] = 1 / (1 + exp_(-x[i]));
}

CLONES
void aelab_bce_with_logits(const float *restrict z, const float *restrict t, float *restrict out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        // softplus(z) − z·t, with softplus(z) = max(z, 0) + log(1 + e^−|z|) to stay finite.
        float a = z[i] < 0 ? -z[i] : z[i];
        out[i] = fmaxf_(z[i], 0) + log_(1 + exp_(-a)) - z[i] * t[i];
    }
}
