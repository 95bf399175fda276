// How long the window's event loop is ever blocked while a large enrichment runs (issue 5's
// "longest event-loop stall", target under 50 ms). The fake GLEIF runs on its own thread so
// its work is not counted against the window.
//   bench-gui-stall FILE.csv [DISTINCT_SYNTHETIC_ENTITIES]
// Run with QT_QPA_PLATFORM=offscreen (or under xvfb-run).
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Stalls
{
    std::vector<double> gapsMs;
    double max() const { return gapsMs.empty() ? 0 : *std::max_element(gapsMs.begin(), gapsMs.end()); }
    double percentile(double p) const
    {
        if (gapsMs.empty())
            return 0;
        std::vector<double> sorted = gapsMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted[size_t(p * double(sorted.size() - 1))];
    }
};

// Runs one enrichment and records the gaps between ticks of a 2 ms timer.
Stalls measure(MainWindow &window, double *seconds)
{
    Stalls stalls;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setInterval(2);
    QObject::connect(&ticker, &QTimer::timeout, &window, [&] {
        stalls.gapsMs.push_back(double(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.restart();
    });
    QSignalSpy finished(&window, &MainWindow::enrichmentFinished);
    QElapsedTimer total;
    total.start();
    sinceTick.start();
    ticker.start();
    window.enrich();
    finished.wait(600000);
    ticker.stop();
    *seconds = double(total.nsecsElapsed()) / 1e9;
    return stalls;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench-gui-stall FILE.csv [DISTINCT]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int distinct = argc > 2 ? std::atoi(argv[2]) : 10000;

    QThread fakeThread;
    FakeGleif::Options o;
    o.latencyMs = 200;
    o.rateLimit = 60;
    o.windowMs = 60000;
    o.syntheticEntities = distinct;
    auto *fake = new FakeGleif(o);
    fake->moveToThread(&fakeThread);
    fakeThread.start();
    bool listening = false;
    QMetaObject::invokeMethod(fake, [&] { listening = fake->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening) {
        std::fprintf(stderr, "cannot start the fake GLEIF\n");
        return 3;
    }

    QTemporaryDir dir;
    MainWindow window;
    EnrichmentSettings settings;
    settings.gleif.baseUrl = fake->baseUrl();
    settings.cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    window.setEnrichmentSettings(settings);
    window.show();
    QSignalSpy ready(&window, &MainWindow::fileReady);
    if (!window.openFile(path) || !ready.wait(120000)) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 3;
    }
    std::printf("%-5s %9s %11s %11s %11s %8s\n", "run", "seconds", "max stall", "p99 gap", "p50 gap", "ticks");
    for (const char *name : {"cold", "warm"}) {
        double seconds = 0;
        const Stalls s = measure(window, &seconds);
        std::printf("%-5s %9.2f %8.1f ms %8.1f ms %8.1f ms %8zu\n", name, seconds, s.max(), s.percentile(0.99),
                    s.percentile(0.5), s.gapsMs.size());
    }
    QMetaObject::invokeMethod(fake, [fake] { delete fake; }, Qt::BlockingQueuedConnection);
    fakeThread.quit();
    fakeThread.wait();
    return 0;
}
