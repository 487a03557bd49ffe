#ifndef CNERMODEL_H
#define CNERMODEL_H

/// The sequence tagger's weights (models/ner.model), assembled into the binary by ner_model.S
/// so the installed executable needs no resource files. Length 0 when the build had no model.
const unsigned char *gleaner_ner_model_bytes(void);
unsigned long gleaner_ner_model_length(void);

#endif
