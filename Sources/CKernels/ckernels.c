#include "ckernels.h"

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

CLONES
void aelab_adam_step(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, size_t n,
                     float alpha, float beta1, float beta2, float eps) {
    const float c1 = 1 - beta1, c2 = 1 - beta2;
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        float mi = beta1 * m[i] + c1 * gi;
        float vi = beta2 * v[i] + c2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= alpha * mi / (__builtin_sqrtf(vi) + eps);
    }
}

CLONES
void aelab_sgd_step(float *restrict p, const float *restrict g, float *restrict vel, size_t n, float lr, float mu) {
    for (size_t i = 0; i < n; i++) {
        float vi = mu * vel[i] - lr * g[i];
        vel[i] = vi;
        p[i] += vi;
    }
}
