/** The web tutor: {@code jlab web} for a student, {@code jlab serve} for an instructor. */
package jlab.web;
