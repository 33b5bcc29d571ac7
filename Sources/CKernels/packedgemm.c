// A matrix product for a weight that is used many times in a row, as an LSTM's recurrent kernel
// is at every step of a batch: the weight is packed once into panels of 32 columns, and each
// product reads the panels as they are. OpenBLAS packs both operands on every call, and for the
// recurrent step's few rows (a batch of 32) packing the 512×2048 weight cost as much as the
// product itself. AVX-512 only; callers use BLAS where `aelab_packed_gemm_available` says no.
#include "ckernels.h"
#include <immintrin.h>
#include <string.h>

#define AVX512 __attribute__((target("avx512f")))
enum { PANEL = 32, TILE = 8 };

int aelab_packed_gemm_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
}

void aelab_pack_panels(float *restrict packed, const float *restrict b, size_t ldb, size_t k, size_t n, int transposed) {
    for (size_t p = 0; p < n / PANEL; p++) {
        float *panel = packed + p * k * PANEL;
        for (size_t kk = 0; kk < k; kk++) {
            float *row = panel + kk * PANEL;
            if (transposed) {
                for (size_t j = 0; j < PANEL; j++) row[j] = b[(p * PANEL + j) * ldb + kk];
            } else {
                memcpy(row, b + kk * ldb + p * PANEL, PANEL * sizeof(float));
            }
        }
    }
}

/// C[rows × 32] += A[rows × k] · panel[k × 32] for rows ≤ 8; missing rows read row 0 and are not stored.
AVX512 static void tile(float *restrict c, size_t ldc, const float *restrict a, size_t lda,
                        const float *restrict panel, size_t k, size_t rows) {
    const float *r[TILE];
    for (size_t i = 0; i < TILE; i++) r[i] = a + (i < rows ? i : 0) * lda;
    __m512 c0 = _mm512_setzero_ps(), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
    __m512 d0 = c0, d1 = c0, d2 = c0, d3 = c0, d4 = c0, d5 = c0, d6 = c0, d7 = c0;
    for (size_t kk = 0; kk < k; kk++) {
        const __m512 b0 = _mm512_loadu_ps(panel + kk * PANEL), b1 = _mm512_loadu_ps(panel + kk * PANEL + 16);
        __m512 x;
        x = _mm512_set1_ps(r[0][kk]); c0 = _mm512_fmadd_ps(x, b0, c0); d0 = _mm512_fmadd_ps(x, b1, d0);
        x = _mm512_set1_ps(r[1][kk]); c1 = _mm512_fmadd_ps(x, b0, c1); d1 = _mm512_fmadd_ps(x, b1, d1);
        x = _mm512_set1_ps(r[2][kk]); c2 = _mm512_fmadd_ps(x, b0, c2); d2 = _mm512_fmadd_ps(x, b1, d2);
        x = _mm512_set1_ps(r[3][kk]); c3 = _mm512_fmadd_ps(x, b0, c3); d3 = _mm512_fmadd_ps(x, b1, d3);
        x = _mm512_set1_ps(r[4][kk]); c4 = _mm512_fmadd_ps(x, b0, c4); d4 = _mm512_fmadd_ps(x, b1, d4);
        x = _mm512_set1_ps(r[5][kk]); c5 = _mm512_fmadd_ps(x, b0, c5); d5 = _mm512_fmadd_ps(x, b1, d5);
        x = _mm512_set1_ps(r[6][kk]); c6 = _mm512_fmadd_ps(x, b0, c6); d6 = _mm512_fmadd_ps(x, b1, d6);
        x = _mm512_set1_ps(r[7][kk]); c7 = _mm512_fmadd_ps(x, b0, c7); d7 = _mm512_fmadd_ps(x, b1, d7);
    }
    const __m512 lo[TILE] = {c0, c1, c2, c3, c4, c5, c6, c7}, hi[TILE] = {d0, d1, d2, d3, d4, d5, d6, d7};
    for (size_t i = 0; i < rows; i++) {
        float *ci = c + i * ldc;
        _mm512_storeu_ps(ci, _mm512_add_ps(_mm512_loadu_ps(ci), lo[i]));
        _mm512_storeu_ps(ci + 16, _mm512_add_ps(_mm512_loadu_ps(ci + 16), hi[i]));
    }
}

AVX512 void aelab_packed_gemm(float *restrict c, size_t ldc, const float *restrict a, size_t lda,
                              const float *restrict packed, size_t m, size_t k, size_t first_panel, size_t panels) {
    for (size_t p = first_panel; p < first_panel + panels; p++) {
        const float *panel = packed + p * k * PANEL;
        for (size_t i = 0; i < m; i += TILE) {
            tile(c + i * ldc + p * PANEL, ldc, a + i * lda, lda, panel, k, m - i < TILE ? m - i : TILE);
        }
    }
}
