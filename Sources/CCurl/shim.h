#ifndef LETTERSHOP_CCURL_SHIM_H
#define LETTERSHOP_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdlib.h>

/* libcurl is loaded when the first message is sent, not when lettershop starts: with its dependency
   tree (TLS, Kerberos, LDAP, SSH, IDN, HTTP/2 libraries, all bound at load) it costs about 8 ms per
   process start, which every command would pay. These are the functions Lettershop uses. */
typedef struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
    /* curl_easy_setopt is variadic, which Swift cannot call: the ccurl_set_ functions below do. */
    void *easy_setopt;
} ccurl_library;

/* Loads libcurl (`name`, e.g. libcurl.so.4) and its functions, once per call (keep the result).
   NULL when it cannot be loaded: ccurl_load_error() then says why. */
static inline ccurl_library *ccurl_load(const char *name) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return NULL;
    ccurl_library *functions = calloc(1, sizeof *functions);
    if (functions == NULL) { dlclose(library); return NULL; }
#define CCURL_FIND(field, name) \
    if ((*(void **)&functions->field = dlsym(library, name)) == NULL) { free(functions); dlclose(library); return NULL; }
    CCURL_FIND(global_init, "curl_global_init")
    CCURL_FIND(easy_init, "curl_easy_init")
    CCURL_FIND(easy_cleanup, "curl_easy_cleanup")
    CCURL_FIND(easy_perform, "curl_easy_perform")
    CCURL_FIND(easy_strerror, "curl_easy_strerror")
    CCURL_FIND(slist_append, "curl_slist_append")
    CCURL_FIND(slist_free_all, "curl_slist_free_all")
    CCURL_FIND(easy_setopt, "curl_easy_setopt")
#undef CCURL_FIND
    return functions;
}

/* Why the last ccurl_load failed. */
static inline const char *ccurl_load_error(void) {
    const char *error = dlerror();
    return error == NULL ? "out of memory" : error;
}

typedef CURLcode (*ccurl_setopt_function)(CURL *handle, CURLoption option, ...);

/* curl_easy_setopt, one typed function per argument type. */

static inline CURLcode ccurl_set_long(const ccurl_library *curl, CURL *handle, CURLoption option, long value) {
    return ((ccurl_setopt_function)curl->easy_setopt)(handle, option, value);
}

static inline CURLcode ccurl_set_string(const ccurl_library *curl, CURL *handle, CURLoption option, const char *value) {
    return ((ccurl_setopt_function)curl->easy_setopt)(handle, option, value);
}

static inline CURLcode ccurl_set_pointer(const ccurl_library *curl, CURL *handle, CURLoption option, void *value) {
    return ((ccurl_setopt_function)curl->easy_setopt)(handle, option, value);
}

static inline CURLcode ccurl_set_slist(const ccurl_library *curl, CURL *handle, CURLoption option, struct curl_slist *value) {
    return ((ccurl_setopt_function)curl->easy_setopt)(handle, option, value);
}

typedef size_t (*ccurl_read_callback)(char *buffer, size_t size, size_t count, void *context);
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*ccurl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);

static inline CURLcode ccurl_set_read_function(const ccurl_library *curl, CURL *handle, ccurl_read_callback callback) {
    return ((ccurl_setopt_function)curl->easy_setopt)(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode ccurl_set_write_function(const ccurl_library *curl, CURL *handle, ccurl_write_callback callback) {
    return ((ccurl_setopt_function)curl->easy_setopt)(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode ccurl_set_debug_function(const ccurl_library *curl, CURL *handle, ccurl_debug_callback callback) {
    return ((ccurl_setopt_function)curl->easy_setopt)(handle, CURLOPT_DEBUGFUNCTION, callback);
}

#endif
