#ifndef GLEANER_CLIBCRYPTO_SHIM_H
#define GLEANER_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
