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

// ---- Stride-1 convolutions with a one-channel side (see ckernels.h). ----

static inline long lmax(long a, long b) { return a > b ? a : b; }
static inline long lmin(long a, long b) { return a < b ? a : b; }

/// Σ a[i]·b[i], summed in whatever order vectorises (results differ by rounding only).
static inline float dot_run(const float *restrict a, const float *restrict b, long n) {
#pragma clang fp reassociate(on)
    float s = 0;
    for (long i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

static inline void axpy_run(float *restrict y, float a, const float *restrict x, long n) {
    for (long i = 0; i < n; i++) y[i] += a * x[i];
}

CLONES
void aelab_conv1_dot(float *restrict z, const float *restrict x, const float *restrict k, size_t n, size_t h, size_t w,
                     size_t c, size_t ho, size_t wo, size_t kh, size_t kw, long pt, long pl, float init, int accumulate) {
    const long H = (long)h, W = (long)w, C = (long)c, KW = (long)kw;
    for (size_t b = 0; b < n; b++) {
        const float *xb = x + b * h * w * c;
        float *zb = z + b * ho * wo;
        for (long oy = 0; oy < (long)ho; oy++) {
            long ky0 = lmax(0, pt - oy), ky1 = lmin((long)kh, H - oy + pt);
            for (long ox = 0; ox < (long)wo; ox++) {
                long kx0 = lmax(0, pl - ox), kx1 = lmin(KW, W - ox + pl);
                float s = accumulate ? zb[oy * (long)wo + ox] : init;
                if (kx1 > kx0) {
                    long len = (kx1 - kx0) * C;
                    for (long ky = ky0; ky < ky1; ky++) {
                        const float *xr = xb + ((oy + ky - pt) * W + ox + kx0 - pl) * C;
                        s += dot_run(xr, k + (ky * KW + kx0) * C, len);
                    }
                }
                zb[oy * (long)wo + ox] = s;
            }
        }
    }
}

CLONES
void aelab_conv1_spread(float *restrict x, const float *restrict z, const float *restrict k, const float *restrict bias,
                        size_t n, size_t h, size_t w, size_t c, size_t ho, size_t wo, size_t kh, size_t kw,
                        long pt, long pl, int accumulate) {
    const long C = (long)c, KW = (long)kw, HO = (long)ho, WO = (long)wo;
    for (size_t b = 0; b < n; b++) {
        float *xb = x + b * h * w * c;
        const float *zb = z + b * ho * wo;
        for (long iy = 0; iy < (long)h; iy++) {
            // Z row oy = iy − ky + pt must lie in [0, ho).
            long ky0 = lmax(0, iy + pt - HO + 1), ky1 = lmin((long)kh, iy + pt + 1);
            for (long ix = 0; ix < (long)w; ix++) {
                long kx0 = lmax(0, ix + pl - WO + 1), kx1 = lmin(KW, ix + pl + 1);
                float *xp = xb + (iy * (long)w + ix) * C;
                if (!accumulate) {
                    if (bias) for (long i = 0; i < C; i++) xp[i] = bias[i];
                    else for (long i = 0; i < C; i++) xp[i] = 0;
                }
                for (long ky = ky0; ky < ky1; ky++) {
                    const float *zr = zb + (iy - ky + pt) * WO + ix + pl;
                    for (long kx = kx0; kx < kx1; kx++) axpy_run(xp, zr[-kx], k + (ky * KW + kx) * C, C);
                }
            }
        }
    }
}

CLONES
void aelab_conv1_outer(float *restrict dk, const float *restrict z, const float *restrict x, size_t n, size_t h, size_t w,
                       size_t c, size_t ho, size_t wo, size_t kh, size_t kw, long pt, long pl) {
    const long H = (long)h, W = (long)w, C = (long)c, KW = (long)kw;
    for (size_t b = 0; b < n; b++) {
        const float *xb = x + b * h * w * c;
        const float *zb = z + b * ho * wo;
        for (long oy = 0; oy < (long)ho; oy++) {
            long ky0 = lmax(0, pt - oy), ky1 = lmin((long)kh, H - oy + pt);
            for (long ox = 0; ox < (long)wo; ox++) {
                long kx0 = lmax(0, pl - ox), kx1 = lmin(KW, W - ox + pl);
                float s = zb[oy * (long)wo + ox];
                if (kx1 <= kx0 || s == 0) continue;
                long len = (kx1 - kx0) * C;
                for (long ky = ky0; ky < ky1; ky++) {
                    const float *xr = xb + ((oy + ky - pt) * W + ox + kx0 - pl) * C;
                    axpy_run(dk + (ky * KW + kx0) * C, s, xr, len);
                }
            }
        }
    }
}
