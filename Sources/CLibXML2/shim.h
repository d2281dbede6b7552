#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; ICU's types clash with Foundation's copy in Swift. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

/* xmlFree is a mutable global function pointer, which Swift 6 rejects. */
static inline void clibxml2_free(void *p) { xmlFree(p); }
#endif
