// Embeds models/ner.model (found on the include path set in Package.swift) as read-only data.
// SwiftPM does not track the .incbin input: after retraining, touch this file to rebuild.
#if defined(__APPLE__)
#define SYMBOL(name) _##name
    .section __TEXT,__const
#else
#define SYMBOL(name) name
    .section .rodata
#endif
    .globl SYMBOL(gleaner_ner_model_start)
    .globl SYMBOL(gleaner_ner_model_end)
    .p2align 4
SYMBOL(gleaner_ner_model_start):
    .incbin "ner.model"
SYMBOL(gleaner_ner_model_end):
    .byte 0
#if !defined(__APPLE__)
    .section .note.GNU-stack,"",@progbits
#endif
