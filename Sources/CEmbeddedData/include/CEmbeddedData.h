#ifndef CEMBEDDEDDATA_H
#define CEMBEDDEDDATA_H

/// The bytes of a data file assembled into the binary by embedded_data.S, named by its path
/// from the package root (for example "models/ner.model"). Returns NULL and sets *length to 0
/// for a name that was not embedded. The bytes live as long as the process; *length excludes
/// the NUL byte that follows every file.
const unsigned char *gleaner_embedded_data(const char *name, unsigned long *length);

#endif
