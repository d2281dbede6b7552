/* floor.c - the file-system floor for writing letters: N files of SIZE bytes created in DIR as
 * letter_000001.docx ... with one open(O_CREAT|O_EXCL), one write and one close each, as Lettershop
 * writes a letter. Nothing that writes N separate files of that size is faster on the same disk.
 * With FIRST the files are numbered from FIRST (default 1), so that several processes can share DIR.
 * Usage: floor N SIZE DIR [FIRST] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) { fprintf(stderr, "usage: floor N SIZE DIR [FIRST]\n"); return 2; }
    long n = strtol(argv[1], NULL, 10), size = strtol(argv[2], NULL, 10);
    long first = argc == 5 ? strtol(argv[4], NULL, 10) : 1;
    char *buffer = malloc((size_t)size);
    if (!buffer) { perror("malloc"); return 1; }
    for (long i = 0; i < size; i++) buffer[i] = (char)(i * 131 + 7);
    char path[4096];
    for (long i = first; i < first + n; i++) {
        snprintf(path, sizeof path, "%s/letter_%06ld.docx", argv[3], i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0 || write(fd, buffer, (size_t)size) != size || close(fd) != 0) {
            fprintf(stderr, "%s: %s\n", path, strerror(errno));
            return 1;
        }
    }
    return 0;
}
