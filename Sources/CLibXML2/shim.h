#ifndef GLEANER_CLIBXML2_SHIM_H
#define GLEANER_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, and its encoding header then includes the system's
// ICU headers, which clash with the copy Foundation carries (_FoundationICU). Gleaner
// never touches libxml2's converters, so the shim hides them: xmlversion.h is guarded,
// and with LIBXML_ICU_ENABLED undefined no ICU header is pulled in.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#endif
