/* cflags: -msse2 */
/*
 * Differential SSE/SSE2/MMX exerciser: packed and scalar float/double
 * arithmetic, compares, conversions under the four MXCSR rounding modes
 * and FTZ/DAZ, with the MXCSR flags after each; integer SIMD; shuffles;
 * MMX.  The native run is the oracle.
 */
#include <stdio.h>
#include <string.h>

typedef unsigned int u32;
typedef unsigned long long u64;
typedef struct { u32 l[4]; } __attribute__((aligned(16))) V;

static const u32 fv[] = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x00000001,
                         0x007fffff, 0x7f7fffff, 0x7f800000, 0xff800000,
                         0x7fc00001, 0x7f800001, 0x40490fdb, 0x3eaaaaab,
                         0x4effffff, 0xcf000000, 0x3fc00000};
static const u64 dv[] = {0, 0x8000000000000000ull, 0x3ff0000000000000ull, 1,
                         0x000fffffffffffffull, 0x7fefffffffffffffull,
                         0x7ff0000000000000ull, 0xfff8000000000000ull,
                         0x7ff0000000000001ull, 0x400921fb54442d18ull,
                         0x3fd5555555555555ull, 0x41dfffffffc00000ull,
                         0xc1e0000000200000ull, 0x3ff8000000000000ull};
#define NF (sizeof(fv) / sizeof(fv[0]))
#define ND (sizeof(dv) / sizeof(dv[0]))
static u32 mx;

static void show(const char *n, const V *r, u32 m)
{
    printf("%04x %-10s %08x %08x %08x %08x mxcsr=%04x\n", mx, n, r->l[3],
           r->l[2], r->l[1], r->l[0], m);
}

#define OP(name, insn)                                                      \
    static void name(const V *a, const V *b)                               \
    {                                                                       \
        V r = *a;                                                           \
        u32 m;                                                              \
        __asm__ volatile("ldmxcsr %[mx]\n\tmovdqa %[r], %%xmm0\n\t"        \
                         "movdqa %[b], %%xmm1\n\t" insn "\n\t"              \
                         "movdqa %%xmm0, %[r]\n\tstmxcsr %[m]"              \
                         : [r] "+m"(r), [m] "=m"(m)                         \
                         : [b] "m"(*b), [mx] "m"(mx)                        \
                         : "xmm0", "xmm1", "eax", "cc");                    \
        show(#name, &r, m);                                                 \
    }
OP(addps, "addps %%xmm1, %%xmm0") OP(subps, "subps %[b], %%xmm0")
OP(mulps, "mulps %%xmm1, %%xmm0") OP(divps, "divps %%xmm1, %%xmm0")
OP(minps, "minps %%xmm1, %%xmm0") OP(maxps, "maxps %%xmm1, %%xmm0")
OP(sqrtps, "sqrtps %%xmm1, %%xmm0") OP(rcpss, "rcpss %%xmm1, %%xmm0")
OP(addss, "addss %[b], %%xmm0") OP(divss, "divss %%xmm1, %%xmm0")
OP(addpd, "addpd %%xmm1, %%xmm0") OP(mulpd, "mulpd %[b], %%xmm0")
OP(divsd, "divsd %%xmm1, %%xmm0") OP(subsd, "subsd %[b], %%xmm0")
OP(sqrtsd, "sqrtsd %%xmm1, %%xmm0") OP(maxsd, "maxsd %%xmm1, %%xmm0")
OP(cmpltps, "cmpltps %%xmm1, %%xmm0") OP(cmpunordpd, "cmpunordpd %%xmm1, %%xmm0")
OP(cmpnless, "cmpnless %[b], %%xmm0") OP(cmpeqsd, "cmpeqsd %%xmm1, %%xmm0")
OP(cvtps2pd, "cvtps2pd %%xmm1, %%xmm0") OP(cvtpd2ps, "cvtpd2ps %%xmm1, %%xmm0")
OP(cvtss2sd, "cvtss2sd %[b], %%xmm0") OP(cvtsd2ss, "cvtsd2ss %%xmm1, %%xmm0")
OP(cvtps2dq, "cvtps2dq %%xmm1, %%xmm0") OP(cvttps2dq, "cvttps2dq %%xmm1, %%xmm0")
OP(cvtdq2ps, "cvtdq2ps %%xmm1, %%xmm0") OP(cvtpd2dq, "cvtpd2dq %%xmm1, %%xmm0")
OP(cvttpd2dq, "cvttpd2dq %%xmm1, %%xmm0") OP(cvtdq2pd, "cvtdq2pd %%xmm1, %%xmm0")
OP(cvtsd2si, "cvtsd2si %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
OP(cvttss2si, "cvttss2si %[b], %%eax\n\tmovd %%eax, %%xmm0")
OP(cvtsi2sd, "movd %%xmm1, %%eax\n\tcvtsi2sd %%eax, %%xmm0")
OP(cvtsi2ss, "cvtsi2ssl %[b], %%xmm0")
OP(comisd, "comisd %%xmm1, %%xmm0\n\tpushf\n\tpopl %%eax\n\tandl $0x8d5, %%eax\n\tmovd %%eax, %%xmm0")
OP(ucomiss, "ucomiss %[b], %%xmm0\n\tpushf\n\tpopl %%eax\n\tandl $0x8d5, %%eax\n\tmovd %%eax, %%xmm0")
OP(andnpd, "andnpd %%xmm1, %%xmm0") OP(xorps, "xorps %%xmm1, %%xmm0")
OP(unpcklps, "unpcklps %%xmm1, %%xmm0") OP(unpckhpd, "unpckhpd %[b], %%xmm0")
OP(shufps, "shufps $0x1b, %%xmm1, %%xmm0") OP(shufpd, "shufpd $1, %[b], %%xmm0")
OP(movss_r, "movss %%xmm1, %%xmm0") OP(movss_m, "movss %[b], %%xmm0")
OP(movsd_m, "movsd %[b], %%xmm0") OP(movhps, "movhps %[b], %%xmm0")
OP(movlpd, "movlpd %[b], %%xmm0") OP(movhlps, "movhlps %%xmm1, %%xmm0")
OP(movlhps, "movlhps %%xmm1, %%xmm0") OP(movq_x, "movq %%xmm1, %%xmm0")
OP(movmskps, "movmskps %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
/* integer SIMD */
OP(pcmpeqb, "pcmpeqb %%xmm1, %%xmm0") OP(pmovmskb, "pmovmskb %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
OP(pminub, "pminub %[b], %%xmm0") OP(pmaxub, "pmaxub %%xmm1, %%xmm0")
OP(psubb, "psubb %%xmm1, %%xmm0") OP(paddw, "paddw %%xmm1, %%xmm0")
OP(paddq, "paddq %%xmm1, %%xmm0") OP(psubusb, "psubusb %%xmm1, %%xmm0")
OP(paddsw, "paddsw %%xmm1, %%xmm0") OP(pmullw, "pmullw %%xmm1, %%xmm0")
OP(pmulhw, "pmulhw %%xmm1, %%xmm0") OP(pmuludq, "pmuludq %%xmm1, %%xmm0")
OP(pmaddwd, "pmaddwd %%xmm1, %%xmm0") OP(psadbw, "psadbw %%xmm1, %%xmm0")
OP(pavgb, "pavgb %%xmm1, %%xmm0") OP(pcmpgtd, "pcmpgtd %%xmm1, %%xmm0")
OP(packsswb, "packsswb %%xmm1, %%xmm0") OP(packuswb, "packuswb %%xmm1, %%xmm0")
OP(packssdw, "packssdw %%xmm1, %%xmm0") OP(punpcklbw, "punpcklbw %%xmm1, %%xmm0")
OP(punpckhwd, "punpckhwd %%xmm1, %%xmm0") OP(punpcklqdq, "punpcklqdq %%xmm1, %%xmm0")
OP(punpckhqdq, "punpckhqdq %%xmm1, %%xmm0") OP(pand, "pand %%xmm1, %%xmm0")
OP(pandn, "pandn %%xmm1, %%xmm0") OP(por, "por %%xmm1, %%xmm0")
OP(pxor, "pxor %%xmm1, %%xmm0") OP(pshufd, "pshufd $0x4e, %%xmm1, %%xmm0")
OP(pshuflw, "pshuflw $0x1b, %%xmm1, %%xmm0") OP(pshufhw, "pshufhw $0xb1, %[b], %%xmm0")
OP(psrldq, "psrldq $3, %%xmm0") OP(pslldq, "pslldq $7, %%xmm0")
OP(psrlw, "psrlw $3, %%xmm0") OP(psraw, "psraw $9, %%xmm0")
OP(pslld, "pslld %%xmm1, %%xmm0") OP(psrad, "psrad $31, %%xmm0")
OP(psllq, "psllq $33, %%xmm0") OP(psrlq, "psrlq %%xmm1, %%xmm0")
OP(pinsrw, "movd %%xmm1, %%eax\n\tpinsrw $5, %%eax, %%xmm0")
OP(pextrw, "pextrw $6, %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
OP(movd_x, "movd %%xmm1, %%eax\n\tmovd %%eax, %%xmm0")
OP(movdqu_st, "movdqu %%xmm1, %%xmm0")
/* MMX, through the low halves */
OP(mmx_paddb, "movdq2q %%xmm0, %%mm0\n\tmovdq2q %%xmm1, %%mm1\n\tpaddb %%mm1, %%mm0\n\tmovq2dq %%mm0, %%xmm0\n\temms")
OP(mmx_packsswb, "movdq2q %%xmm0, %%mm0\n\tpacksswb %[b], %%mm0\n\tmovq2dq %%mm0, %%xmm0\n\temms")
OP(mmx_pshufw, "movdq2q %%xmm1, %%mm2\n\tpshufw $0x1b, %%mm2, %%mm3\n\tmovq2dq %%mm3, %%xmm0\n\temms")
OP(mmx_pmulhw, "movdq2q %%xmm0, %%mm0\n\tpmulhw %[b], %%mm0\n\tpsrlq $5, %%mm0\n\tmovq2dq %%mm0, %%xmm0\n\temms")
OP(mmx_movd, "movd %%xmm1, %%eax\n\tmovd %%eax, %%mm4\n\tpunpcklwd %%mm4, %%mm4\n\tmovd %%mm4, %%eax\n\tmovd %%eax, %%xmm0\n\temms")
OP(cvtpi2ps, "movdq2q %%xmm1, %%mm0\n\tcvtpi2ps %%mm0, %%xmm0\n\temms")
OP(cvtps2pi, "cvtps2pi %%xmm1, %%mm0\n\tmovq2dq %%mm0, %%xmm0\n\temms")
OP(cvttpd2pi, "cvttpd2pi %[b], %%mm0\n\tmovq2dq %%mm0, %%xmm0\n\temms")

typedef void (*Op)(const V *, const V *);
static const Op fops[] = {addps, subps, mulps, divps, minps, maxps, sqrtps,
    rcpss, addss, divss, cmpltps, cmpnless, cvtps2pd, cvtss2sd, cvtps2dq,
    cvttps2dq, cvtdq2ps, cvttss2si, cvtsi2ss, ucomiss, xorps, unpcklps,
    shufps, movss_r, movss_m, movhps, movhlps, movlhps, movmskps, cvtpi2ps,
    cvtps2pi};
static const Op dops[] = {addpd, mulpd, divsd, subsd, sqrtsd, maxsd,
    cmpunordpd, cmpeqsd, cvtpd2ps, cvtsd2ss, cvtpd2dq, cvttpd2dq, cvtdq2pd,
    cvtsd2si, cvtsi2sd, comisd, andnpd, unpckhpd, shufpd, movsd_m, movlpd,
    movq_x, cvttpd2pi};
static const Op iops[] = {pcmpeqb, pmovmskb, pminub, pmaxub, psubb, paddw,
    paddq, psubusb, paddsw, pmullw, pmulhw, pmuludq, pmaddwd, psadbw, pavgb,
    pcmpgtd, packsswb, packuswb, packssdw, punpcklbw, punpckhwd, punpcklqdq,
    punpckhqdq, pand, pandn, por, pxor, pshufd, pshuflw, pshufhw, psrldq,
    pslldq, psrlw, psraw, pslld, psrad, psllq, psrlq, pinsrw, pextrw, movd_x,
    movdqu_st, mmx_paddb, mmx_packsswb, mmx_pshufw, mmx_pmulhw, mmx_movd};

static const u32 mxs[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0x1f80 | 0x40};

int main(void)
{
    for (unsigned c = 0; c < sizeof(mxs) / sizeof(mxs[0]); c++) {
        mx = mxs[c];
        for (unsigned i = 0; i < NF; i++)
            for (unsigned j = 0; j < NF; j += (c ? 3 : 1)) {
                V a = {{fv[i], fv[j], fv[(i + j) % NF], fv[(i * 3 + 1) % NF]}};
                V b = {{fv[j], fv[i], fv[(i + 2 * j) % NF], fv[(j * 5) % NF]}};
                for (unsigned k = 0; k < sizeof(fops) / sizeof(fops[0]); k++)
                    fops[k](&a, &b);
            }
        for (unsigned i = 0; i < ND; i++)
            for (unsigned j = 0; j < ND; j += (c ? 3 : 1)) {
                V a, b;
                u64 a2[2] = {dv[i], dv[(i + j) % ND]}, b2[2] = {dv[j], dv[(i * 7) % ND]};
                memcpy(&a, a2, 16);
                memcpy(&b, b2, 16);
                for (unsigned k = 0; k < sizeof(dops) / sizeof(dops[0]); k++)
                    dops[k](&a, &b);
            }
    }
    mx = 0x1f80;
    for (unsigned i = 0; i < 40; i++) {
        V a, b;
        for (int k = 0; k < 4; k++) {
            a.l[k] = (i * 0x9e3779b9u) ^ (k * 0x7f4a7c15u) ^ (i & 1 ? 0x80808080u : 0);
            b.l[k] = (i & 3) == 1 ? a.l[k] : (a.l[k] * 2654435761u + k) ^ (i & 4 ? 0xff00ff00 : 0);
        }
        for (unsigned k = 0; k < sizeof(iops) / sizeof(iops[0]); k++)
            iops[k](&a, &b);
    }
    return 0;
}
