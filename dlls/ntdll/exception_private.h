/* What exception.c, unwind.c, dwarf.c, signal.c and x86_64/context.S share. */
#ifndef CARAFE_EXCEPTION_PRIVATE_H
#define CARAFE_EXCEPTION_PRIVATE_H

#include "carafe/seh.h"

/* the stack guard zone at the bottom of a thread's stack (DeallocationStack):
 * its lowest page stays inaccessible; the rest is given to the stack
 * overflow handler and armed again once the stack has unwound above it */
#define STACK_GUARD_SIZE 0x10000
#define STACK_PAGE 0x1000

/* x86_64/context.S */
void carafe_restore_context(const CONTEXT *ctx) __attribute__((noreturn));
EXCEPTION_DISPOSITION carafe_call_handler(EXCEPTION_RECORD *rec, void *frame, CONTEXT *ctx,
                                          DISPATCHER_CONTEXT *dispatch, PEXCEPTION_ROUTINE handler, long kind);
extern const char carafe_call_handler_ret[], carafe_call_handler_end[];
extern const char carafe_exception_entry[], carafe_exception_entry_ret[];
enum { HANDLER_DISPATCH = 1, HANDLER_UNWIND = 2 };
#define HANDLER_FRAME_DISPATCH 0x20   /* offsets from the handler-call frame's rsp */
#define HANDLER_FRAME_KIND     0x28

/* exception.c */
void carafe_dispatch_fault(EXCEPTION_RECORD *rec, CONTEXT *ctx) __attribute__((noreturn));
void exception_restore(const CONTEXT *ctx) __attribute__((noreturn));
void exception_unhandled(EXCEPTION_RECORD *rec, CONTEXT *ctx);   /* returns only to continue */

/* unwind.c, dwarf.c */
int unwind_pe_image(DWORD64 pc, DWORD64 *base);
int dwarf_unwind_frame(CONTEXT *ctx, int exact);

#endif
