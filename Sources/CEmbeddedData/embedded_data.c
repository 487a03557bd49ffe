#include "CEmbeddedData.h"
#include <string.h>

// The symbols embedded_data.S defines around each .incbin.
#define BLOB(symbol, file)                                  \
    extern const unsigned char symbol##_start[];            \
    extern const unsigned char symbol##_end[];
#include "blobs.def"
#undef BLOB

struct blob {
    const char *name;
    const unsigned char *start;
    const unsigned char *end;
};

static const struct blob blobs[] = {
#define BLOB(symbol, file) {file, symbol##_start, symbol##_end},
#include "blobs.def"
#undef BLOB
};

const unsigned char *gleaner_embedded_data(const char *name, unsigned long *length) {
    for (unsigned long i = 0; i < sizeof blobs / sizeof blobs[0]; i++) {
        if (strcmp(blobs[i].name, name) == 0) {
            *length = (unsigned long)(blobs[i].end - blobs[i].start);
            return blobs[i].start;
        }
    }
    *length = 0;
    return 0;
}
