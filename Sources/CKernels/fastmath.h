// Inline exp and log by Cephes' polynomials (a few ulp, as in Vectorized.swift), written with
// plain arithmetic and bit casts so that every target clone's loop vectorises at its own width.
// Shared by the kernel files; not part of the module's interface.
#ifndef AELAB_FASTMATH_H
#define AELAB_FASTMATH_H
#include <stdint.h>
#include <string.h>

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#define INLINE static inline __attribute__((always_inline))

INLINE float from_bits(int32_t b) { float f; memcpy(&f, &b, 4); return f; }
INLINE int32_t to_bits(float f) { int32_t b; memcpy(&b, &f, 4); return b; }
INLINE float fmaxf_(float a, float b) { return a > b ? a : b; }
INLINE float fminf_(float a, float b) { return a < b ? a : b; }

/// e^x, saturating at the ends of float's range.
INLINE float exp_(float x) {
    x = fminf_(fmaxf_(x, -87.33654f), 88.72283f);
    // n = round(x / ln 2) by the 1.5·2²³ trick, which also leaves n in the low mantissa bits.
    const float magic = 12582912.0f;
    float t = x * 1.44269504f + magic;
    float n = t - magic;
    float r = x - n * 0.693359375f;
    r = r + n * 2.1219444e-4f;
    float p = 1.98756915e-4f;
    p = p * r + 1.39819995e-3f;
    p = p * r + 8.3334519e-3f;
    p = p * r + 4.16657959e-2f;
    p = p * r + 1.66666655e-1f;
    p = p * r + 5.00000012e-1f;
    p = p * r * r + r + 1;
    int32_t ni = to_bits(t) - 0x4B400000;
    // 2^n in two halves, so that n = 128 (x near the top of the range) does not overflow.
    int32_t half = ni >> 1;
    return p * from_bits((half + 127) << 23) * from_bits((ni - half + 127) << 23);
}

/// Natural logarithm of a positive x.
INLINE float log_(float x) {
    x = fmaxf_(x, 1.17549435e-38f);
    int32_t bits = to_bits(x);
    float e = (float)((bits >> 23) - 126);
    float m = from_bits((bits & 0x007FFFFF) | 0x3F000000);  // mantissa in [0.5, 1)
    int small = m < 0.70710678f;
    e = small ? e - 1 : e;
    m = small ? m + m - 1 : m - 1;
    float z = m * m;
    float y = 7.0376836292e-2f;
    y = y * m - 1.1514610310e-1f;
    y = y * m + 1.1676998740e-1f;
    y = y * m - 1.2420140846e-1f;
    y = y * m + 1.4249322787e-1f;
    y = y * m - 1.6668057665e-1f;
    y = y * m + 2.0000714765e-1f;
    y = y * m - 2.4999993993e-1f;
    y = y * m + 3.3333331174e-1f;
    y = y * m * z;
    y = y - 2.12194440e-4f * e;
    y = y - 0.5f * z;
    return m + y + 0.693359375f * e;
}

#endif
