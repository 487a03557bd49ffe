#include "CNERModel.h"

// Defined in ner_model.S around the .incbin of models/ner.model.
extern const unsigned char gleaner_ner_model_start[];
extern const unsigned char gleaner_ner_model_end[];

const unsigned char *gleaner_ner_model_bytes(void) { return gleaner_ner_model_start; }

unsigned long gleaner_ner_model_length(void) {
    return (unsigned long)(gleaner_ner_model_end - gleaner_ner_model_start);
}
