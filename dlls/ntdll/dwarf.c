/* Stepping over ELF frames (builtin DLLs, libc) with their DWARF call frame
 * information (.eh_frame, found through PT_GNU_EH_FRAME), so that the
 * Windows exception dispatcher and RtlUnwindEx get through builtin frames
 * to the Windows frames above them (DESIGN decision 7, docs/architecture.md).
 * Written from the DWARF 4 specification (section 6.4) and the LSB's
 * description of .eh_frame and .eh_frame_hdr. */
#include <link.h>
#include <string.h>
#include "ntdll_private.h"
#include "exception_private.h"

DEFAULT_DEBUG_CHANNEL(unwind);

/* DWARF register numbers of x86-64 -> CONTEXT integer register index */
static const signed char dwarf_to_ctx[17] = {
    0 /* rax */, 2 /* rdx */, 1 /* rcx */, 3 /* rbx */, 6 /* rsi */, 7 /* rdi */, 5 /* rbp */, 4 /* rsp */,
    8, 9, 10, 11, 12, 13, 14, 15, -1 /* return address */
};
#define DW_REG_RSP 7
#define DW_REG_RA  16
#define DW_REG_XMM0 17
#define DW_NREGS   33

enum {
    DW_EH_PE_absptr = 0x00, DW_EH_PE_uleb128 = 0x01, DW_EH_PE_udata2 = 0x02, DW_EH_PE_udata4 = 0x03,
    DW_EH_PE_udata8 = 0x04, DW_EH_PE_sleb128 = 0x09, DW_EH_PE_sdata2 = 0x0a, DW_EH_PE_sdata4 = 0x0b,
    DW_EH_PE_sdata8 = 0x0c, DW_EH_PE_pcrel = 0x10, DW_EH_PE_datarel = 0x30, DW_EH_PE_indirect = 0x80,
    DW_EH_PE_omit = 0xff
};

enum rule { R_SAME, R_UNDEF, R_OFFSET, R_VAL_OFFSET, R_REG, R_EXPR, R_VAL_EXPR };

struct reg_rule { unsigned char rule; long value; const unsigned char *expr; };

struct frame_state {
    struct reg_rule regs[DW_NREGS];
    int cfa_reg;
    long cfa_offset;
    const unsigned char *cfa_expr;
};

struct cie {
    unsigned long code_align;
    long data_align;
    unsigned ra_reg;
    unsigned char fde_enc;
    int signal_frame;
    const unsigned char *insns, *end;
};

static unsigned long read_uleb(const unsigned char **p)
{
    unsigned long v = 0;
    int shift = 0;
    unsigned char b;
    do { b = *(*p)++; v |= (unsigned long)(b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    return v;
}

static long read_sleb(const unsigned char **p)
{
    long v = 0;
    int shift = 0;
    unsigned char b;
    do { b = *(*p)++; v |= (long)(b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    if (shift < 64 && (b & 0x40)) v |= (long)(~0ul << shift);
    return v;
}

static unsigned long read_encoded(const unsigned char **p, unsigned char enc, unsigned long datarel)
{
    const unsigned char *start = *p;
    unsigned long v;
    if (enc == DW_EH_PE_omit) return 0;
    switch (enc & 0x0f) {
    case DW_EH_PE_absptr: memcpy(&v, *p, 8); *p += 8; break;
    case DW_EH_PE_uleb128: v = read_uleb(p); break;
    case DW_EH_PE_udata2: { unsigned short x; memcpy(&x, *p, 2); v = x; *p += 2; break; }
    case DW_EH_PE_udata4: { unsigned int x; memcpy(&x, *p, 4); v = x; *p += 4; break; }
    case DW_EH_PE_udata8: memcpy(&v, *p, 8); *p += 8; break;
    case DW_EH_PE_sleb128: v = read_sleb(p); break;
    case DW_EH_PE_sdata2: { short x; memcpy(&x, *p, 2); v = x; *p += 2; break; }
    case DW_EH_PE_sdata4: { int x; memcpy(&x, *p, 4); v = (long)x; *p += 4; break; }
    case DW_EH_PE_sdata8: memcpy(&v, *p, 8); *p += 8; break;
    default: return 0;
    }
    if (!v) return 0;
    switch (enc & 0x70) {
    case DW_EH_PE_pcrel: v += (unsigned long)start; break;
    case DW_EH_PE_datarel: v += datarel; break;
    default: break;
    }
    if (enc & DW_EH_PE_indirect) v = *(unsigned long *)v;
    return v;
}

/* ---- finding the FDE through .eh_frame_hdr ---- */

struct find_fde { unsigned long pc; const unsigned char *hdr; int found_object; };

static int find_object(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct find_fde *f = arg;
    const ElfW(Phdr) *eh = NULL;
    int inside = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && f->pc >= info->dlpi_addr + ph->p_vaddr &&
            f->pc < info->dlpi_addr + ph->p_vaddr + ph->p_memsz) inside = 1;
        if (ph->p_type == PT_GNU_EH_FRAME) eh = ph;
    }
    if (!inside) return 0;
    f->found_object = 1;
    if (eh) f->hdr = (const unsigned char *)(info->dlpi_addr + eh->p_vaddr);
    return 1;
}

static const unsigned char *find_fde(unsigned long pc, int *in_object)
{
    struct find_fde f = { pc, NULL, 0 };
    dl_iterate_phdr(find_object, &f);
    *in_object = f.found_object;
    if (!f.hdr || f.hdr[0] != 1) return NULL;
    const unsigned char *hdr = f.hdr, *p = hdr + 4;
    unsigned long datarel = (unsigned long)hdr;
    read_encoded(&p, hdr[1], datarel);                 /* eh_frame_ptr */
    unsigned long count = read_encoded(&p, hdr[2], datarel);
    if (hdr[3] != (DW_EH_PE_datarel | DW_EH_PE_sdata4) || !count) return NULL;
    const int *table = (const int *)p;   /* pairs: initial location, FDE address */
    unsigned long lo = 0, hi = count;
    while (hi - lo > 1) {
        unsigned long mid = lo + (hi - lo) / 2;
        if (pc < datarel + (long)table[mid * 2]) hi = mid; else lo = mid;
    }
    if (pc < datarel + (long)table[lo * 2]) return NULL;
    return (const unsigned char *)(datarel + (long)table[lo * 2 + 1]);
}

static int parse_cie(const unsigned char *p, struct cie *cie)
{
    unsigned long len = *(const unsigned int *)p;
    p += 4;
    if (len == 0xffffffff) return 0;   /* 64-bit DWARF is not emitted by gcc for .eh_frame */
    const unsigned char *end = p + len;
    p += 4;   /* CIE id */
    unsigned char version = *p++;
    const char *aug = (const char *)p;
    p += strlen(aug) + 1;
    memset(cie, 0, sizeof(*cie));
    cie->code_align = read_uleb(&p);
    cie->data_align = read_sleb(&p);
    cie->ra_reg = version == 1 ? *p++ : read_uleb(&p);
    cie->fde_enc = DW_EH_PE_absptr;
    if (aug[0] == 'z') {
        unsigned long auglen = read_uleb(&p);
        const unsigned char *next = p + auglen;
        for (const char *a = aug + 1; *a; a++) {
            if (*a == 'R') cie->fde_enc = *p++;
            else if (*a == 'L') p++;
            else if (*a == 'P') { unsigned char enc = *p++; read_encoded(&p, enc & 0x7f, 0); }
            else if (*a == 'S') cie->signal_frame = 1;
        }
        p = next;
    } else if (aug[0]) {
        return 0;
    }
    cie->insns = p;
    cie->end = end;
    return 1;
}

/* ---- the CFA program ---- */

static unsigned long reg_value(const CONTEXT *ctx, int reg)
{
    if (reg < 0 || reg >= 16) return 0;
    return (&ctx->Rax)[dwarf_to_ctx[reg]];
}

/* a DWARF expression (the small subset compilers use in CFI) */
static unsigned long eval_expr(const unsigned char *p, const CONTEXT *ctx, unsigned long initial, int push_initial)
{
    unsigned long stack[32];
    int sp = 0;
    unsigned long len = read_uleb(&p);
    const unsigned char *end = p + len;
    if (push_initial) stack[sp++] = initial;
    while (p < end && sp < 31) {
        unsigned char op = *p++;
        if (op >= 0x70 && op <= 0x8f) { stack[sp++] = reg_value(ctx, op - 0x70) + read_sleb(&p); continue; }
        if (op >= 0x30 && op <= 0x4f) { stack[sp++] = op - 0x30; continue; }
        if (op >= 0x50 && op <= 0x6f) { stack[sp++] = reg_value(ctx, op - 0x50); continue; }
        switch (op) {
        case 0x06: if (sp) stack[sp - 1] = *(unsigned long *)stack[sp - 1]; break;   /* deref */
        case 0x08: stack[sp++] = *p++; break;                                       /* const1u */
        case 0x09: stack[sp++] = (signed char)*p++; break;                          /* const1s */
        case 0x0a: { unsigned short v; memcpy(&v, p, 2); p += 2; stack[sp++] = v; break; }
        case 0x0b: { short v; memcpy(&v, p, 2); p += 2; stack[sp++] = v; break; }
        case 0x0c: { unsigned int v; memcpy(&v, p, 4); p += 4; stack[sp++] = v; break; }
        case 0x0d: { int v; memcpy(&v, p, 4); p += 4; stack[sp++] = v; break; }
        case 0x10: stack[sp++] = read_uleb(&p); break;                              /* constu */
        case 0x11: stack[sp++] = read_sleb(&p); break;                              /* consts */
        case 0x12: if (sp) { stack[sp] = stack[sp - 1]; sp++; } break;              /* dup */
        case 0x1a: if (sp > 1) { sp--; stack[sp - 1] &= stack[sp]; } break;         /* and */
        case 0x1c: if (sp > 1) { sp--; stack[sp - 1] -= stack[sp]; } break;         /* minus */
        case 0x22: if (sp > 1) { sp--; stack[sp - 1] += stack[sp]; } break;         /* plus */
        case 0x23: if (sp) stack[sp - 1] += read_uleb(&p); break;                   /* plus_uconst */
        case 0x92: { int r = (int)read_uleb(&p); stack[sp++] = reg_value(ctx, r) + read_sleb(&p); break; }
        default:
            WARN("unsupported DWARF expression op %#x\n", op);
            return 0;
        }
    }
    return sp ? stack[sp - 1] : 0;
}

/* Runs CFA instructions until the location passes target. */
static void run_cfa(const unsigned char *p, const unsigned char *end, const struct cie *cie, unsigned long loc,
                    unsigned long target, struct frame_state *fs, const struct frame_state *initial)
{
    struct frame_state saved[8];
    int nsaved = 0;
    while (p < end && loc <= target) {
        unsigned char insn = *p++;
        unsigned reg;
        switch (insn & 0xc0) {
        case 0x40: loc += (insn & 0x3f) * cie->code_align; continue;
        case 0x80:
            reg = insn & 0x3f;
            if (reg < DW_NREGS) { fs->regs[reg].rule = R_OFFSET; fs->regs[reg].value = read_uleb(&p) * cie->data_align; }
            else read_uleb(&p);
            continue;
        case 0xc0:
            reg = insn & 0x3f;
            if (reg < DW_NREGS) fs->regs[reg] = initial ? initial->regs[reg] : (struct reg_rule){ R_SAME, 0, NULL };
            continue;
        }
        switch (insn) {
        case 0x00: break;
        case 0x01: loc = read_encoded(&p, cie->fde_enc, 0); break;
        case 0x02: loc += *p++ * cie->code_align; break;
        case 0x03: { unsigned short d; memcpy(&d, p, 2); p += 2; loc += d * cie->code_align; break; }
        case 0x04: { unsigned int d; memcpy(&d, p, 4); p += 4; loc += d * cie->code_align; break; }
        case 0x05: case 0x11: case 0x14: case 0x15: {
            reg = read_uleb(&p);
            long v = (insn == 0x05 || insn == 0x14) ? (long)read_uleb(&p) * cie->data_align : read_sleb(&p) * cie->data_align;
            if (reg < DW_NREGS) { fs->regs[reg].rule = insn >= 0x14 ? R_VAL_OFFSET : R_OFFSET; fs->regs[reg].value = v; }
            break;
        }
        case 0x06:
            reg = read_uleb(&p);
            if (reg < DW_NREGS) fs->regs[reg] = initial ? initial->regs[reg] : (struct reg_rule){ R_SAME, 0, NULL };
            break;
        case 0x07: reg = read_uleb(&p); if (reg < DW_NREGS) fs->regs[reg].rule = R_UNDEF; break;
        case 0x08: reg = read_uleb(&p); if (reg < DW_NREGS) fs->regs[reg].rule = R_SAME; break;
        case 0x09: {
            reg = read_uleb(&p);
            unsigned long r2 = read_uleb(&p);
            if (reg < DW_NREGS) { fs->regs[reg].rule = R_REG; fs->regs[reg].value = r2; }
            break;
        }
        case 0x0a: if (nsaved < 8) saved[nsaved++] = *fs; break;
        case 0x0b: if (nsaved) { struct frame_state *s = &saved[--nsaved];
                   memcpy(fs->regs, s->regs, sizeof(fs->regs)); fs->cfa_reg = s->cfa_reg;
                   fs->cfa_offset = s->cfa_offset; fs->cfa_expr = s->cfa_expr; } break;
        case 0x0c: fs->cfa_reg = read_uleb(&p); fs->cfa_offset = read_uleb(&p); fs->cfa_expr = NULL; break;
        case 0x0d: fs->cfa_reg = read_uleb(&p); fs->cfa_expr = NULL; break;
        case 0x0e: fs->cfa_offset = read_uleb(&p); break;
        case 0x0f: { fs->cfa_expr = p; unsigned long l = read_uleb(&p); p += l; break; }
        case 0x10: case 0x16: {
            reg = read_uleb(&p);
            const unsigned char *e = p;
            unsigned long l = read_uleb(&p);
            p += l;
            if (reg < DW_NREGS) { fs->regs[reg].rule = insn == 0x10 ? R_EXPR : R_VAL_EXPR; fs->regs[reg].expr = e; }
            break;
        }
        case 0x12: fs->cfa_reg = read_uleb(&p); fs->cfa_offset = read_sleb(&p) * cie->data_align; fs->cfa_expr = NULL; break;
        case 0x13: fs->cfa_offset = read_sleb(&p) * cie->data_align; break;
        case 0x2e: read_uleb(&p); break;   /* GNU_args_size */
        case 0x2f: {                        /* GNU_negative_offset_extended */
            reg = read_uleb(&p);
            long v = -(long)read_uleb(&p) * cie->data_align;
            if (reg < DW_NREGS) { fs->regs[reg].rule = R_OFFSET; fs->regs[reg].value = v; }
            break;
        }
        default:
            WARN("unsupported CFA instruction %#x\n", insn);
            return;
        }
    }
}

/* Steps ctx from an ELF frame to its caller.  exact: ctx->Rip is the
 * faulting instruction itself, not a return address.
 * Returns 1 on success, 0 if pc is in no ELF object (the caller may treat
 * it as a leaf), -1 if the frame cannot be unwound. */
int dwarf_unwind_frame(CONTEXT *ctx, int exact)
{
    unsigned long pc = ctx->Rip, target = exact ? pc : pc - 1;
    int in_object;
    const unsigned char *fde = find_fde(target, &in_object);
    if (!fde) return in_object ? -1 : 0;

    const unsigned char *p = fde + 4;
    unsigned int fde_len = *(const unsigned int *)fde;
    if (fde_len == 0xffffffff || !fde_len) return -1;
    const unsigned char *fde_end = p + fde_len;
    const unsigned char *cie_ptr = p - *(const unsigned int *)p;
    p += 4;
    struct cie cie;
    if (!parse_cie(cie_ptr, &cie)) return -1;
    unsigned long start = read_encoded(&p, cie.fde_enc, 0);
    unsigned long range = read_encoded(&p, cie.fde_enc & 0x0f, 0);
    if (target < start || target >= start + range) return -1;
    if (cie.signal_frame) target = pc;
    const unsigned char *cie_aug = cie_ptr + 4 + 4 + 1;
    if (*cie_aug == 'z') { unsigned long l = read_uleb(&p); p += l; }

    struct frame_state fs, initial;
    memset(&fs, 0, sizeof(fs));
    run_cfa(cie.insns, cie.end, &cie, start, ~0ul, &fs, NULL);
    initial = fs;
    run_cfa(p, fde_end, &cie, start, target, &fs, &initial);

    unsigned long cfa = fs.cfa_expr ? eval_expr(fs.cfa_expr, ctx, 0, 0) : reg_value(ctx, fs.cfa_reg) + fs.cfa_offset;
    CONTEXT old = *ctx;
    DWORD64 ra = 0;
    for (int r = 0; r < DW_NREGS; r++) {
        const struct reg_rule *rule = &fs.regs[r];
        unsigned long addr = 0, val = 0;
        int have_addr = 0, have_val = 0;
        switch (rule->rule) {
        case R_SAME: case R_UNDEF: continue;
        case R_OFFSET: addr = cfa + rule->value; have_addr = 1; break;
        case R_VAL_OFFSET: val = cfa + rule->value; have_val = 1; break;
        case R_REG: val = reg_value(&old, (int)rule->value); have_val = 1; break;
        case R_EXPR: addr = eval_expr(rule->expr, &old, cfa, 1); have_addr = 1; break;
        case R_VAL_EXPR: val = eval_expr(rule->expr, &old, cfa, 1); have_val = 1; break;
        }
        if (r >= DW_REG_XMM0 && r < DW_REG_XMM0 + 16) {
            if (have_addr) memcpy(&ctx->FltSave.XmmRegisters[r - DW_REG_XMM0], (void *)addr, sizeof(M128A));
            continue;
        }
        if (have_addr) val = *(unsigned long *)addr;
        (void)have_val;
        if (r == (int)cie.ra_reg) ra = val;
        else if (r < 16) (&ctx->Rax)[dwarf_to_ctx[r]] = val;
    }
    if (fs.regs[cie.ra_reg].rule == R_UNDEF || fs.regs[cie.ra_reg].rule == R_SAME) return -1;   /* outermost frame */
    ctx->Rsp = cfa;
    ctx->Rip = ra;
    return 1;
}
