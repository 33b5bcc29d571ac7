// The element-wise half of an LSTM step, forward and backward, fused: one pass over a step's
// gates instead of a dozen tensor ops, each clone vectorised at its own width.
#include "ckernels.h"
#include "fastmath.h"

INLINE float sigmoid_(float x) { return 1 / (1 + exp_(-x)); }

/// tanh through e^{−2|x|}, with the odd series near zero where the quotient loses precision.
INLINE float tanh_(float x) {
    float a = x < 0 ? -x : x;
    float e = exp_(-2 * a);
    float r = (1 - e) / (1 + e);
    float x2 = x * x;
    float series = a * (1 + x2 * (-1.0f / 3 + x2 * (2.0f / 15 + x2 * (-17.0f / 315))));
    r = a < 0.0625f ? series : r;
    return x < 0 ? -r : r;
}

/// One row of a step: the four gate blocks apart, so that the compiler knows they do not overlap
/// and vectorises the loop without run-time checks (which failed, leaving it scalar).
INLINE void lstm_row(float *restrict zi, float *restrict zf, float *restrict zg, float *restrict zo,
                     const float *restrict cp, float *restrict c, float *restrict tc, float *restrict h, size_t H) {
    for (size_t j = 0; j < H; j++) {
        float i = sigmoid_(zi[j]), f = sigmoid_(zf[j]), g = tanh_(zg[j]), o = sigmoid_(zo[j]);
        float cc = f * cp[j] + i * g;
        float t = tanh_(cc);
        zi[j] = i;
        zf[j] = f;
        zg[j] = g;
        zo[j] = o;
        c[j] = cc;
        tc[j] = t;
        h[j] = o * t;
    }
}

CLONES
void aelab_lstm_step(float *restrict z, const float *restrict c_prev, const float *restrict h_prev,
                     float *restrict c, float *restrict tanh_c, float *restrict h,
                     const float *restrict mask, size_t rows, size_t units) {
    const size_t H = units;
    for (size_t r = 0; r < rows; r++) {
        float *zr = z + r * 4 * H;
        if (mask && mask[r] == 0) {
            // A padded step: the state carries over (Keras's masking).
            memcpy(c + r * H, c_prev + r * H, H * sizeof(float));
            memcpy(h + r * H, h_prev + r * H, H * sizeof(float));
            memset(tanh_c + r * H, 0, H * sizeof(float));
            continue;
        }
        lstm_row(zr, zr + H, zr + 2 * H, zr + 3 * H, c_prev + r * H, c + r * H, tanh_c + r * H, h + r * H, H);
    }
}

/// One row of a step backwards (see `lstm_row`).
INLINE void lstm_row_backward(const float *restrict gi, const float *restrict gf, const float *restrict gg, const float *restrict go,
                              const float *restrict cp, const float *restrict tc, float *restrict dh, float *restrict dc,
                              float *restrict di, float *restrict df, float *restrict dg, float *restrict dout, size_t H) {
    for (size_t j = 0; j < H; j++) {
        float i = gi[j], f = gf[j], g = gg[j], o = go[j], t = tc[j];
        float d = dh[j];
        float dcc = dc[j] + d * o * (1 - t * t);
        di[j] = dcc * g * i * (1 - i);
        df[j] = dcc * cp[j] * f * (1 - f);
        dg[j] = dcc * i * (1 - g * g);
        dout[j] = d * t * o * (1 - o);
        dc[j] = dcc * f;
        dh[j] = 0;
    }
}

CLONES
void aelab_lstm_step_backward(const float *restrict gates, const float *restrict c_prev, const float *restrict tanh_c,
                              const float *restrict mask, float *restrict dh, float *restrict dc, float *restrict dz,
                              size_t rows, size_t units) {
    const size_t H = units;
    for (size_t r = 0; r < rows; r++) {
        const float *gr = gates + r * 4 * H;
        float *dzr = dz + r * 4 * H;
        if (mask && mask[r] == 0) {
            // The state only carried over: its gradients pass through, the gates get none.
            memset(dzr, 0, 4 * H * sizeof(float));
            continue;
        }
        lstm_row_backward(gr, gr + H, gr + 2 * H, gr + 3 * H, c_prev + r * H, tanh_c + r * H, dh + r * H, dc + r * H,
                          dzr, dzr + H, dzr + 2 * H, dzr + 3 * H, H);
    }
}
