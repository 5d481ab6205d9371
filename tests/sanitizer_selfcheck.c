/* A program with a bug on purpose, for the sanitizer build only: sanitizer_catches.sh runs it
 * and passes only when the sanitizer stops it with its report. Proves that CI's sanitizer run
 * fails a test on such an error, rather than printing it and carrying on.
 *
 *   sanitizer_selfcheck heap-buffer-overflow     one byte written past a malloc'ed block
 *   sanitizer_selfcheck signed-integer-overflow  INT_MAX + 1
 *
 * Prints "survived" if the program goes on after the error. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main (int argc, char **argv)
{
  /* volatile: the compiler must not see through the bugs and drop them. */
  volatile int one = argc > 1 ? 1 : 0;

  if (argc == 2 && strcmp (argv[1], "heap-buffer-overflow") == 0) {
    /* Through a volatile pointer, so UBSan's object-size check cannot know the size and it
     * is AddressSanitizer that reports the overflow. */
    char *volatile block = malloc (8);
    volatile int index = 8;
    block[index] = 'x';
    printf ("wrote %c\n", block[index]);   /* used, so the store is not optimised away */
    free (block);
  } else if (argc == 2 && strcmp (argv[1], "signed-integer-overflow") == 0) {
    volatile int big = INT_MAX;
    volatile int sum = big + one;
    (void) sum;
  } else {
    fprintf (stderr, "usage: %s heap-buffer-overflow|signed-integer-overflow\n", argv[0]);
    return 2;
  }
  printf ("survived\n");
  return 0;
}
