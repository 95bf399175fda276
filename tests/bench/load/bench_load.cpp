// Load benchmark: index a CSV the way the application does and report time and memory.
//   bench-load FILE.csv
#include "csvfile.h"
#include "csvloader.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

static double currentRssMb()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

static double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench-load FILE.csv\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    QElapsedTimer timer;
    timer.start();
    QString error;
    auto file = CsvFile::open(path, {}, &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    double firstRowsMs = -1;
    CsvFile::IndexObserver observer;
    observer.progress = [&](qint64 rows, qint64, qint64) {
        if (firstRowsMs < 0 && rows > 0)
            firstRowsMs = double(timer.nsecsElapsed()) / 1e6;
    };
    file->index(observer);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double indexedRss = currentRssMb();
    const double indexedPeak = peakRssMb();
    // What the status bar needs next: the invalid-LEI count over the LEI column.
    QElapsedTimer leiTimer;
    leiTimer.start();
    const int leiColumn = file->findColumn();
    const qint64 invalid = leiColumn >= 0 ? countInvalidLeis(*file, leiColumn) : -1;
    const double leiSeconds = double(leiTimer.nsecsElapsed()) / 1e9;
    const double mb = double(file->sizeBytes()) / 1e6;
    std::printf("file            %s\n", qPrintable(path));
    std::printf("size            %.1f MB\n", mb);
    std::printf("rows            %lld x %d columns\n", file->rowCount(), file->columnCount());
    std::printf("first rows      %.1f ms\n", firstRowsMs);
    std::printf("indexed in      %.3f s  (%.0f rows/s, %.0f MB/s)\n", seconds,
                double(file->rowCount()) / seconds, mb / seconds);
    std::printf("LEI check       %.3f s  (%lld invalid)\n", leiSeconds, invalid);
    std::printf("problems        %lld\n", file->problemCount());
    std::printf("memory indexed  %.1f MB resident, %.1f MB peak so far\n", indexedRss, indexedPeak);
    std::printf("peak memory     %.1f MB (max RSS, after the LEI pass)\n", peakRssMb());
    return 0;
}
