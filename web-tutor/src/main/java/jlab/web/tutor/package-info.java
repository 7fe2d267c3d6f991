/**
 * {@code jlab web}: the student's tutor, on 127.0.0.1 behind a random token —
 * the course, each lab with its instructions, a check button and the
 * attempts so far, and a live view of the containers of this host.
 */
package jlab.web.tutor;
