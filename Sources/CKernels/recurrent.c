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

CLONES
void aelab_lstm_step(float *restrict z, const float *restrict c_prev, const float *restrict h_prev,
                     float *restrict c, float *restrict tanh_c, float *restrict h,
                     const float *restrict mask, size_t rows, size_t units) {
    const size_t H = units;
    for (size_t r = 0; r < rows; r++) {
        float *zr = z + r * 4 * H;
        const float *cp = c_prev + r * H, *hp = h_prev + r * H;
        float *cr = c + r * H, *tr = tanh_c + r * H, *hr = h + r * H;
        if (mask && mask[r] == 0) {
            // A padded step: the state carries over (Keras's masking).
            memcpy(cr, cp, H * sizeof(float));
            memcpy(hr, hp, H * sizeof(float));
            memset(tr, 0, H * sizeof(float));
            continue;
        }
        for (size_t j = 0; j < H; j++) {
            float i = sigmoid_(zr[j]), f = sigmoid_(zr[H + j]), g = tanh_(zr[2 * H + j]), o = sigmoid_(zr[3 * H + j]);
            float cc = f * cp[j] + i * g;
            float tc = tanh_(cc);
            zr[j] = i;
            zr[H + j] = f;
            zr[2 * H + j] = g;
            zr[3 * H + j] = o;
            cr[j] = cc;
            tr[j] = tc;
            hr[j] = o * tc;
        }
    }
}

CLONES
void aelab_lstm_step_backward(const float *restrict gates, const float *restrict c_prev, const float *restrict tanh_c,
                              const float *restrict mask, float *restrict dh, float *restrict dc, float *restrict dz,
                              size_t rows, size_t units) {
    const size_t H = units;
    for (size_t r = 0; r < rows; r++) {
        const float *gr = gates + r * 4 * H, *cp = c_prev + r * H, *tr = tanh_c + r * H;
        float *dhr = dh + r * H, *dcr = dc + r * H, *dzr = dz + r * 4 * H;
        if (mask && mask[r] == 0) {
            // The state only carried over: its gradients pass through, the gates get none.
            memset(dzr, 0, 4 * H * sizeof(float));
            continue;
        }
        for (size_t j = 0; j < H; j++) {
            float i = gr[j], f = gr[H + j], g = gr[2 * H + j], o = gr[3 * H + j], tc = tr[j];
            float d = dhr[j];
            float dcc = dcr[j] + d * o * (1 - tc * tc);
            dzr[j] = dcc * g * i * (1 - i);
            dzr[H + j] = dcc * cp[j] * f * (1 - f);
            dzr[2 * H + j] = dcc * i * (1 - g * g);
            dzr[3 * H + j] = d * tc * o * (1 - o);
            dcr[j] = dcc * f;
            dhr[j] = 0;
        }
    }
}
