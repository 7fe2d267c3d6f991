/* Built by multi-stage.Dockerfile's first stage; the final image holds only this program. */
#include <stdio.h>

int main(void) {
    puts("hello from an image FROM scratch");
    return 0;
}
