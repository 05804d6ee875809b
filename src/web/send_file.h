/*
 * send_file.h: answering with the contents of an open (usually temporary,
 * already unlinked) file, streamed, so that exports of any size cost a
 * block of memory, not the export.
 */
#ifndef OCOP_SEND_FILE_H
#define OCOP_SEND_FILE_H

#include <stdio.h>

struct req;

/* Takes f (closed when the answer is done).  content_type and filename are
 * copied.  A file that cannot be read answers 500. */
void send_file(struct req *r, FILE *f, const char *content_type, const char *filename);

#endif
