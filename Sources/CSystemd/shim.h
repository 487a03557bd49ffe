#ifndef GLEANER_CSYSTEMD_SHIM_H
#define GLEANER_CSYSTEMD_SHIM_H
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#endif
