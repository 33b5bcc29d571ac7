#include "ckernels.h"

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

static void adam_plain(float *restrict p, float *restrict g, float *restrict m, float *restrict v, size_t n,
                       float alpha, float beta1, float beta2, float eps) {
    const float c1 = 1 - beta1, c2 = 1 - beta2;
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        g[i] = 0;
        float mi = beta1 * m[i] + c1 * gi;
        float vi = beta2 * v[i] + c2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= alpha * mi / (__builtin_sqrtf(vi) + eps);
    }
}

#if defined(__x86_64__)
#include <immintrin.h>
/// The same step eight lanes at a time, dividing by √v + ε through the reciprocal estimate and
/// one Newton step (within 2 ulp of the quotient): a vector division costs several times a
/// multiply, and it, not memory, bounded this loop when the moments fit in cache.
__attribute__((target("avx2,fma")))
static void adam_avx2(float *restrict p, float *restrict g, float *restrict m, float *restrict v, size_t n,
                      float alpha, float beta1, float beta2, float eps) {
    const __m256 b1 = _mm256_set1_ps(beta1), b2 = _mm256_set1_ps(beta2);
    const __m256 c1 = _mm256_set1_ps(1 - beta1), c2 = _mm256_set1_ps(1 - beta2);
    const __m256 e = _mm256_set1_ps(eps), a = _mm256_set1_ps(alpha), two = _mm256_set1_ps(2), zero = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        _mm256_storeu_ps(g + i, zero);
        __m256 mi = _mm256_fmadd_ps(b1, _mm256_loadu_ps(m + i), _mm256_mul_ps(c1, gi));
        __m256 vi = _mm256_fmadd_ps(b2, _mm256_loadu_ps(v + i), _mm256_mul_ps(_mm256_mul_ps(c2, gi), gi));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        __m256 d = _mm256_add_ps(_mm256_sqrt_ps(vi), e);
        __m256 r = _mm256_rcp_ps(d);
        r = _mm256_mul_ps(r, _mm256_fnmadd_ps(d, r, two));
        _mm256_storeu_ps(p + i, _mm256_fnmadd_ps(_mm256_mul_ps(a, mi), r, _mm256_loadu_ps(p + i)));
    }
    adam_plain(p + i, g + i, m + i, v + i, n - i, alpha, beta1, beta2, eps);
}
#endif

void aelab_adam_step(float *restrict p, float *restrict g, float *restrict m, float *restrict v, size_t n,
                     float alpha, float beta1, float beta2, float eps) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) { adam_avx2(p, g, m, v, n, alpha, beta1, beta2, eps); return; }
#endif
    adam_plain(p, g, m, v, n, alpha, beta1, beta2, eps);
}

CLONES
void aelab_sgd_step(float *restrict p, float *restrict g, float *restrict vel, size_t n, float lr, float mu) {
    for (size_t i = 0; i < n; i++) {
        float vi = mu * vel[i] - lr * g[i];
        g[i] = 0;
        vel[i] = vi;
        p[i] += vi;
    }
}

// ---- Stride-1 convolutions with a one-channel side (see ckernels.h). ----

static inline __attribute__((always_inline)) long lmax(long a, long b) { return a > b ? a : b; }
static inline __attribute__((always_inline)) long lmin(long a, long b) { return a < b ? a : b; }

// Loops run over blocks of VW floats with a constant trip count, so that each block is one
// AVX-512 register (two AVX2 ones, four SSE ones) held across the taps; remainders go scalar.
#define VW 16

/// acc0..acc3 += a·b over n floats, lanewise in four independent chains (an FMA's latency is
/// several of its issue slots); the remainder past the last whole block is returned summed.
static inline __attribute__((always_inline)) float dot_run4(float *restrict acc0, float *restrict acc1, float *restrict acc2, float *restrict acc3,
                             const float *restrict a, const float *restrict b, long n) {
    long j = 0;
    for (; j + 4 * VW <= n; j += 4 * VW)
        for (int i = 0; i < VW; i++) {
            acc0[i] += a[j + i] * b[j + i];
            acc1[i] += a[j + VW + i] * b[j + VW + i];
            acc2[i] += a[j + 2 * VW + i] * b[j + 2 * VW + i];
            acc3[i] += a[j + 3 * VW + i] * b[j + 3 * VW + i];
        }
    if (j + 2 * VW <= n) {
        for (int i = 0; i < VW; i++) {
            acc0[i] += a[j + i] * b[j + i];
            acc1[i] += a[j + VW + i] * b[j + VW + i];
        }
        j += 2 * VW;
    }
    if (j + VW <= n) {
        for (int i = 0; i < VW; i++) acc2[i] += a[j + i] * b[j + i];
        j += VW;
    }
    float s = 0;
    for (; j < n; j++) s += a[j] * b[j];
    return s;
}

static inline __attribute__((always_inline)) void axpy_run(float *restrict y, float a, const float *restrict x, long n) {
    long j = 0;
    for (; j + VW <= n; j += VW)
        for (int i = 0; i < VW; i++) y[j + i] += a * x[j + i];
    for (; j < n; j++) y[j] += a * x[j];
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
                // Four outputs with the same taps inside the image at once: each kernel block
                // is loaded once for all four, into four independent chains.
                if (C % VW == 0 && ox + 3 < (long)wo && kx1 > kx0 && lmax(0, pl - ox - 3) == kx0 && lmin(KW, W - ox - 3 + pl) == kx1) {
                    float a[4][VW] = {{0}};
                    long len = (kx1 - kx0) * C;
                    for (long ky = ky0; ky < ky1; ky++) {
                        const float *xr = xb + ((oy + ky - pt) * W + ox + kx0 - pl) * C;
                        const float *kr = k + (ky * KW + kx0) * C;
                        for (long j = 0; j < len; j += VW)
                            for (int i = 0; i < VW; i++) {
                                const float kv = kr[j + i];
                                a[0][i] += xr[j + i] * kv;
                                a[1][i] += xr[C + j + i] * kv;
                                a[2][i] += xr[2 * C + j + i] * kv;
                                a[3][i] += xr[3 * C + j + i] * kv;
                            }
                    }
                    for (int p = 0; p < 4; p++) {
                        float s = accumulate ? zb[oy * (long)wo + ox + p] : init;
                        for (int i = 0; i < VW; i++) s += a[p][i];
                        zb[oy * (long)wo + ox + p] = s;
                    }
                    ox += 3;
                    continue;
                }
                float s = accumulate ? zb[oy * (long)wo + ox] : init;
                if (kx1 > kx0) {
                    float a0[VW] = {0}, a1[VW] = {0}, a2[VW] = {0}, a3[VW] = {0};
                    long len = (kx1 - kx0) * C;
                    for (long ky = ky0; ky < ky1; ky++) {
                        const float *xr = xb + ((oy + ky - pt) * W + ox + kx0 - pl) * C;
                        s += dot_run4(a0, a1, a2, a3, xr, k + (ky * KW + kx0) * C, len);
                    }
                    for (int i = 0; i < VW; i++) s += (a0[i] + a1[i]) + (a2[i] + a3[i]);
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
                // Four pixels with the same taps at once: each kernel block is loaded once for
                // all four, into four independent chains.
                if (C % VW == 0 && ix + 3 < (long)w && lmax(0, ix + 3 + pl - WO + 1) == kx0 && lmin(KW, ix + 3 + pl + 1) == kx1) {
                    for (long cb = 0; cb < C; cb += VW) {
                        float a[4][VW];
                        for (int p = 0; p < 4; p++)
                            for (int i = 0; i < VW; i++) a[p][i] = accumulate ? xp[p * C + cb + i] : bias ? bias[cb + i] : 0;
                        for (long ky = ky0; ky < ky1; ky++) {
                            const float *zr = zb + (iy - ky + pt) * WO + ix + pl;
                            for (long kx = kx0; kx < kx1; kx++) {
                                const float *kp = k + (ky * KW + kx) * C + cb;
                                const float z0 = zr[-kx], z1 = zr[1 - kx], z2 = zr[2 - kx], z3 = zr[3 - kx];
                                for (int i = 0; i < VW; i++) {
                                    a[0][i] += z0 * kp[i];
                                    a[1][i] += z1 * kp[i];
                                    a[2][i] += z2 * kp[i];
                                    a[3][i] += z3 * kp[i];
                                }
                            }
                        }
                        for (int p = 0; p < 4; p++)
                            for (int i = 0; i < VW; i++) xp[p * C + cb + i] = a[p][i];
                    }
                    ix += 3;
                    continue;
                }
                long cb = 0;
                // Two blocks of channels at once, taps alternating between two sets of
                // accumulators: four independent FMA chains.
                for (; cb + 2 * VW <= C; cb += 2 * VW) {
                    float a0[VW], a1[VW], b0[VW] = {0}, b1[VW] = {0};
                    for (int i = 0; i < VW; i++) {
                        a0[i] = accumulate ? xp[cb + i] : bias ? bias[cb + i] : 0;
                        a1[i] = accumulate ? xp[cb + VW + i] : bias ? bias[cb + VW + i] : 0;
                    }
                    for (long ky = ky0; ky < ky1; ky++) {
                        const float *zr = zb + (iy - ky + pt) * WO + ix + pl;
                        const float *kr = k + ky * KW * C + cb;
                        long kx = kx0;
                        for (; kx + 1 < kx1; kx += 2) {
                            const float z0 = zr[-kx], z1 = zr[-kx - 1];
                            const float *k0 = kr + kx * C, *k1 = k0 + C;
                            for (int i = 0; i < VW; i++) {
                                a0[i] += z0 * k0[i];
                                a1[i] += z0 * k0[VW + i];
                                b0[i] += z1 * k1[i];
                                b1[i] += z1 * k1[VW + i];
                            }
                        }
                        if (kx < kx1) {
                            const float z0 = zr[-kx], *k0 = kr + kx * C;
                            for (int i = 0; i < VW; i++) {
                                a0[i] += z0 * k0[i];
                                a1[i] += z0 * k0[VW + i];
                            }
                        }
                    }
                    for (int i = 0; i < VW; i++) {
                        xp[cb + i] = a0[i] + b0[i];
                        xp[cb + VW + i] = a1[i] + b1[i];
                    }
                }
                for (; cb + VW <= C; cb += VW) {
                    float acc[VW];
                    for (int i = 0; i < VW; i++) acc[i] = accumulate ? xp[cb + i] : bias ? bias[cb + i] : 0;
                    for (long ky = ky0; ky < ky1; ky++) {
                        const float *zr = zb + (iy - ky + pt) * WO + ix + pl;
                        for (long kx = kx0; kx < kx1; kx++) {
                            const float zv = zr[-kx], *kp = k + (ky * KW + kx) * C + cb;
                            for (int i = 0; i < VW; i++) acc[i] += zv * kp[i];
                        }
                    }
                    for (int i = 0; i < VW; i++) xp[cb + i] = acc[i];
                }
                for (; cb < C; cb++) {
                    float acc = accumulate ? xp[cb] : bias ? bias[cb] : 0;
                    for (long ky = ky0; ky < ky1; ky++) {
                        const float *zr = zb + (iy - ky + pt) * WO + ix + pl;
                        for (long kx = kx0; kx < kx1; kx++) acc += zr[-kx] * k[(ky * KW + kx) * C + cb];
                    }
                    xp[cb] = acc;
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
                // Four positions with the same taps at once: each block of dK is loaded and
                // stored once for all four.
                if (C % VW == 0 && ox + 3 < (long)wo && kx1 > kx0 && lmax(0, pl - ox - 3) == kx0 && lmin(KW, W - ox - 3 + pl) == kx1) {
                    const float *zp = zb + oy * (long)wo + ox;
                    const float s0 = zp[0], s1 = zp[1], s2 = zp[2], s3 = zp[3];
                    if (s0 != 0 || s1 != 0 || s2 != 0 || s3 != 0) {
                        long len = (kx1 - kx0) * C;
                        for (long ky = ky0; ky < ky1; ky++) {
                            const float *xr = xb + ((oy + ky - pt) * W + ox + kx0 - pl) * C;
                            float *dkr = dk + (ky * KW + kx0) * C;
                            for (long j = 0; j < len; j += VW)
                                for (int i = 0; i < VW; i++)
                                    dkr[j + i] += (s0 * xr[j + i] + s1 * xr[C + j + i]) + (s2 * xr[2 * C + j + i] + s3 * xr[3 * C + j + i]);
                        }
                    }
                    ox += 3;
                    continue;
                }
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

// ---- Max pooling. ----

CLONES
void aelab_maxpool(float *restrict y, int *restrict at, const float *restrict x, size_t first, size_t n, size_t h, size_t w,
                   size_t c, size_t oh, size_t ow, size_t pool, size_t stride, long pt, long pl) {
    const long C = (long)c, H = (long)h, W = (long)w, P = (long)pool, S = (long)stride;
    float *yo = y;
    int *ao = at;
    for (long b = (long)first; b < (long)(first + n); b++) {
        for (long oy = 0; oy < (long)oh; oy++) {
            long y0 = lmax(0, oy * S - pt), y1 = lmin(H, oy * S - pt + P);
            for (long ox = 0; ox < (long)ow; ox++, yo += C, ao += C) {
                long x0 = lmax(0, ox * S - pl), x1 = lmin(W, ox * S - pl + P);
                const long first = ((b * H + y0) * W + x0) * C;
                for (long k = 0; k < C; k++) { yo[k] = x[first + k]; ao[k] = (int)(first + k); }
                for (long iy = y0; iy < y1; iy++)
                    for (long ix = (iy == y0 ? x0 + 1 : x0); ix < x1; ix++) {
                        const long start = ((b * H + iy) * W + ix) * C;
                        const float *xp = x + start;
                        for (long k = 0; k < C; k++) {
                            const float v = xp[k];
                            const int larger = v > yo[k];
                            yo[k] = larger ? v : yo[k];
                            ao[k] = larger ? (int)(start + k) : ao[k];
                        }
                    }
            }
        }
    }
}

void aelab_scatter_add(float *restrict dx, const float *restrict g, const int *restrict at, size_t count) {
    for (size_t i = 0; i < count; i++) dx[at[i]] += g[i];
}

// ---- Elementwise passes of the conv layers. ----

CLONES
void aelab_relu_backward(const float *restrict y, float *restrict g, size_t n) {
    for (size_t i = 0; i < n; i++) g[i] = y[i] <= 0 ? 0 : g[i];
}

CLONES
void aelab_add_column_sums(const float *restrict g, size_t rows, size_t width, float *restrict db) {
    for (size_t r = 0; r < rows; r++) {
        const float *gr = g + r * width;
        for (size_t j = 0; j < width; j++) db[j] += gr[j];
    }
}

CLONES
void aelab_upsample2d(float *restrict y, const float *restrict x, size_t n, size_t h, size_t w, size_t c, size_t size) {
    const size_t outRow = w * size * c;
    for (size_t b = 0; b < n; b++)
        for (size_t iy = 0; iy < h; iy++) {
            const float *src = x + (b * h + iy) * w * c;
            float *dst = y + (b * h + iy) * size * outRow;
            for (size_t ix = 0; ix < w; ix++)
                for (size_t r = 0; r < size; r++)
                    for (size_t k = 0; k < c; k++) dst[(ix * size + r) * c + k] = src[ix * c + k];
            for (size_t r = 1; r < size; r++)
                for (size_t j = 0; j < outRow; j++) dst[r * outRow + j] = dst[j];
        }
}

CLONES
void aelab_upsample2d_backward(float *restrict dx, const float *restrict g, size_t n, size_t h, size_t w, size_t c, size_t size,
                               int accumulate) {
    const size_t outRow = w * size * c;
    for (size_t b = 0; b < n; b++)
        for (size_t iy = 0; iy < h; iy++) {
            float *d = dx + (b * h + iy) * w * c;
            const float *rows = g + (b * h + iy) * size * outRow;
            if (!accumulate) for (size_t j = 0; j < w * c; j++) d[j] = 0;
            for (size_t r = 0; r < size; r++) {
                const float *gr = rows + r * outRow;
                for (size_t ix = 0; ix < w; ix++)
                    for (size_t s = 0; s < size; s++)
                        for (size_t k = 0; k < c; k++) d[ix * c + k] += gr[(ix * size + s) * c + k];
            }
        }
}
