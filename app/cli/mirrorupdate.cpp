#include "mirrorupdate.h"

#include "download.h"
#include "goldencopyapi.h"
#include "metadatarequest.h"
#include "mirrorstore.h"
#include "networkconfig.h"
#include "privatefiles.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocale>
#include <QSocketNotifier>
#include <QStorageInfo>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <functional>
#include <sys/socket.h>
#include <unistd.h>

namespace {

enum ExitCode { Ok = 0, Usage = 2, Failed = 3, Interrupted = 130 };
constexpr int attemptsPerFile = 3; // a cut or a stall resumes at once, twice

QString tr(const char *text)
{
    return QCoreApplication::translate("lei-enrich", text);
}

int signalPipe[2] = { -1, -1 };
std::atomic_bool interruptedFlag { false }; // lock-free, so safe to set from a signal handler

// Async-signal-safe only: the event loop reads the pipe and cancels the download; an import,
// which runs outside the event loop, watches the flag.
void onSignal(int)
{
    interruptedFlag.store(true);
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(signalPipe[1], &c, 1);
}

QString bytesText(qint64 n)
{
    return QLocale::c().formattedDataSize(n); // C locale: scripts parse stderr too
}

QString when(const QDateTime &d)
{
    return d.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QString describe(const GoldenCopy::Download &d)
{
    switch (d.kind) {
    case GoldenCopy::Download::Kind::Full:
        return tr("%1 full file").arg(GoldenCopy::typeName(d.type));
    case GoldenCopy::Download::Kind::Delta:
        return tr("%1 %2 delta").arg(GoldenCopy::typeName(d.type), GoldenCopy::deltaName(d.delta));
    case GoldenCopy::Download::Kind::BicMap:
        return tr("BIC map");
    }
    return {};
}

// Progress on stderr: rewritten in place on a terminal, a line every 5 s otherwise.
class ProgressLine
{
public:
    explicit ProgressLine(bool quiet)
        : m_quiet(quiet)
        , m_tty(::isatty(STDERR_FILENO))
    {
        m_since.start();
    }
    void show(const QString &text)
    {
        if (m_quiet)
            return;
        if (m_tty) {
            m_err << '\r' << text << "\x1b[K";
        } else if (m_since.elapsed() >= 5000) {
            m_since.restart();
            m_err << text << '\n';
        }
        m_err.flush();
    }
    void done(const QString &text)
    {
        if (m_quiet)
            return;
        m_err << (m_tty ? QStringLiteral("\r") : QString()) << text << (m_tty ? QStringLiteral("\x1b[K\n") : QStringLiteral("\n"));
        m_err.flush();
        m_since.restart();
    }

private:
    bool m_quiet;
    bool m_tty;
    QElapsedTimer m_since;
    QTextStream m_err { stderr };
};

// The one place where the Golden Copy client's types meet the mirror's.
MirrorFileType mirrorType(GoldenCopy::FileType type)
{
    switch (type) {
    case GoldenCopy::FileType::Lei2:
        return MirrorFileType::Lei2;
    case GoldenCopy::FileType::Rr:
        return MirrorFileType::Relationships;
    case GoldenCopy::FileType::Repex:
        return MirrorFileType::Exceptions;
    case GoldenCopy::FileType::BicMap:
        break;
    }
    return MirrorFileType::BicMap;
}

} // namespace

int runMirrorUpdate(const QStringList &arguments)
{
    QTextStream err(stderr);
    const auto fail = [&err](int code, const QString &message) {
        err << "lei-enrich: " << message << '\n';
        return code;
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Bring the local mirror of GLEIF's Golden Copy up to date: the full files when there is no "
        "mirror or it is older than the widest delta, else the narrowest delta covering the gap; "
        "the BIC map when a newer one exists. A cut download resumes at the next run."));
    parser.addPositionalArgument(QStringLiteral("mirror"), tr("The words 'mirror update'."), QStringLiteral("mirror update"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption goldenCopyOption(QStringLiteral("golden-copy-url"),
        tr("Golden Copy API base (default https://goldencopy.gleif.org/api/v2; env LEI_ENRICHER_GOLDEN_COPY_URL)."), QStringLiteral("URL"));
    const QCommandLineOption mappingOption(QStringLiteral("mapping-url"),
        tr("Mapping API base (default https://mapping.gleif.org/api/v2; env LEI_ENRICHER_MAPPING_URL)."), QStringLiteral("URL"));
    const QCommandLineOption mirrorOption(QStringLiteral("mirror"),
        tr("The mirror's file (default %1; env LEI_ENRICHER_MIRROR).").arg(QDir::toNativeSeparators(MirrorStore::defaultPath())), QStringLiteral("PATH"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
        tr("Seconds without a byte after which a download stops (default 30); it resumes at the next run."), QStringLiteral("SECONDS"));
    const QCommandLineOption caBundleOption(QStringLiteral("ca-bundle"),
        tr("Extra CA certificates (PEM) trusted for GLEIF's hosts (env LEI_ENRICHER_CA_BUNDLE)."), QStringLiteral("PATH"));
    const QCommandLineOption quietOption({ QStringLiteral("q"), QStringLiteral("quiet") }, tr("No progress on stderr."));
    parser.addOptions({ goldenCopyOption, mappingOption, mirrorOption, timeoutOption, caBundleOption, quietOption });
    if (!parser.parse(arguments))
        return fail(Usage, parser.errorText() + tr(" (see mirror update --help)"));
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << parser.helpText();
        return Ok;
    }
    if (parser.positionalArguments() != QStringList { QStringLiteral("mirror"), QStringLiteral("update") })
        return fail(Usage, tr("mirror update takes no file (see mirror update --help)"));

    const auto url = [&](const QCommandLineOption &option, const char *env, const char *fallback) -> std::optional<QUrl> {
        QString text = parser.value(option);
        if (text.isEmpty())
            text = qEnvironmentVariable(env);
        if (text.isEmpty())
            text = QString::fromLatin1(fallback);
        const QUrl u(text, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty() || (u.scheme() != u"http" && u.scheme() != u"https"))
            return std::nullopt;
        return u;
    };
    const auto goldenCopyBase = url(goldenCopyOption, "LEI_ENRICHER_GOLDEN_COPY_URL", "https://goldencopy.gleif.org/api/v2");
    if (!goldenCopyBase)
        return fail(Usage, tr("--golden-copy-url must be an http or https URL"));
    const auto mappingBase = url(mappingOption, "LEI_ENRICHER_MAPPING_URL", "https://mapping.gleif.org/api/v2");
    if (!mappingBase)
        return fail(Usage, tr("--mapping-url must be an http or https URL"));
    GleifSettings network;
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const int seconds = parser.value(timeoutOption).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 3600)
            return fail(Usage, tr("--timeout must be a whole number of seconds from 1 to 3600"));
        network.timeout = std::chrono::seconds(seconds);
    }
    network.caBundlePath = parser.isSet(caBundleOption) ? parser.value(caBundleOption) : qEnvironmentVariable("LEI_ENRICHER_CA_BUNDLE");
    if (!network.caBundlePath.isEmpty()) {
        const NetworkConfig::CaBundle bundle = NetworkConfig::loadCaBundle(network.caBundlePath);
        if (!bundle.error.isEmpty())
            return fail(Failed, bundle.error);
    }
    const QString mirrorPath = QFileInfo(MirrorStore::resolvePath(parser.value(mirrorOption))).absoluteFilePath();
    const QString downloads = mirrorPath + QStringLiteral(".downloads");
    const bool quiet = parser.isSet(quietOption);

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return fail(Failed, tr("cannot set up signal handling"));
    QEventLoop loop;
    std::function<void()> onInterrupt = [] {};
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
        char c;
        [[maybe_unused]] const auto n = ::read(signalPipe[0], &c, 1);
        onInterrupt();
    });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    const auto interrupted = [&] {
        return fail(Interrupted, tr("interrupted; the mirror is as it was%1")
                                     .arg(QFileInfo::exists(downloads) ? tr(", and what was downloaded stays in %1 for the next run").arg(QDir::toNativeSeparators(downloads)) : QString()));
    };

    // No mirror yet: every date invalid, so the plan is the full files, and their import creates it.
    MirrorStore store;
    if (!store.open(mirrorPath) && QFileInfo::exists(mirrorPath))
        return fail(Failed, store.error()); // not a mirror: never overwritten
    GoldenCopy::MirrorDates held;
    for (GoldenCopy::FileType t : { GoldenCopy::FileType::Lei2, GoldenCopy::FileType::Rr, GoldenCopy::FileType::Repex, GoldenCopy::FileType::BicMap })
        held.insert(t, store.isOpen() ? store.publishDate(mirrorType(t)) : QDateTime());

    // What GLEIF publishes now.
    const auto fetch = [&](const QUrl &from, QString *error) -> QByteArray {
        MetadataRequest request(network);
        QByteArray body;
        bool done = false;
        QObject::connect(&request, &MetadataRequest::finished, &loop, [&](const QByteArray &b, const QString &e) {
            body = b;
            *error = e;
            done = true;
            loop.quit();
        });
        onInterrupt = [&] { request.cancel(); };
        request.get(from);
        if (!done)
            loop.exec();
        onInterrupt = [] {};
        return body;
    };
    QString error;
    const QUrl latestUrl = GoldenCopy::latestUrl(*goldenCopyBase);
    const QByteArray latestBody = fetch(latestUrl, &error);
    if (interruptedFlag.load())
        return interrupted();
    if (!error.isEmpty())
        return fail(Failed, error);
    const auto latest = GoldenCopy::parseLatest(latestBody, *goldenCopyBase, &error);
    if (!latest)
        return fail(Failed, tr("%1: %2").arg(latestUrl.toDisplayString(), error));
    const QUrl mappingUrl = GoldenCopy::mappingLatestUrl(*mappingBase);
    const QByteArray mappingBody = fetch(mappingUrl, &error);
    if (interruptedFlag.load())
        return interrupted();
    if (!error.isEmpty())
        return fail(Failed, error);
    const auto mapping = GoldenCopy::parseMappingLatest(mappingBody, *mappingBase, &error);
    if (!mapping)
        return fail(Failed, tr("%1: %2").arg(mappingUrl.toDisplayString(), error));

    const QList<GoldenCopy::Download> plan = GoldenCopy::plan(held, *latest, mapping);
    if (plan.isEmpty()) {
        if (!quiet)
            err << tr("%1: up to date (Golden Copy of %2, BIC map of %3)")
                       .arg(QDir::toNativeSeparators(mirrorPath), when(latest->publishDate), when(mapping->uploadedAt))
                << '\n';
        return Ok;
    }

    // Downloads go to a private folder beside the mirror; what is not part of this plan (an
    // older publication's leftovers) goes.
    if (!PrivateFiles::makeFolder(downloads, downloads, &error))
        return fail(Failed, error);
    QStringList planned;
    qint64 needed = 0;
    for (const GoldenCopy::Download &d : plan) {
        const QString name = GoldenCopy::localFileName(d);
        planned << name << QFileInfo(FileDownload::partPath(name)).fileName() << QFileInfo(FileDownload::validatorsPath(name)).fileName()
                << QFileInfo(FileDownload::recordPath(name)).fileName();
        needed += std::max<qint64>(d.file.size, 0) - QFileInfo(QDir(downloads).filePath(name + QStringLiteral(".part"))).size();
    }
    for (const QString &name : QDir(downloads).entryList(QDir::Files | QDir::Hidden | QDir::System))
        if (!planned.contains(name))
            QFile::remove(QDir(downloads).filePath(name));
    const QStorageInfo storage(downloads);
    if (storage.isValid() && storage.bytesAvailable() < needed)
        return fail(Failed, tr("%1: not enough free space for the downloads (%2 needed, %3 free)")
                                .arg(QDir::toNativeSeparators(downloads), bytesText(needed), bytesText(storage.bytesAvailable())));

    ProgressLine line(quiet);
    QStringList downloaded;
    for (const GoldenCopy::Download &d : plan) {
        const QString target = QDir(downloads).filePath(GoldenCopy::localFileName(d));
        const QString what = describe(d);
        FileDownload download(network);
        FileDownload::Result result;
        QObject::connect(&download, &FileDownload::progress, &loop, [&](qint64 bytes, qint64 total, double rate) {
            const QString left = total > 0 && rate > 0 ? tr("  %1 s left").arg(qint64((total - bytes) / rate)) : QString();
            line.show(tr("%1: %2 of %3  %4/s").arg(what, bytesText(bytes), total >= 0 ? bytesText(total) : tr("?"), bytesText(qint64(rate))) + left);
        });
        QObject::connect(&download, &FileDownload::finished, &loop, [&](const FileDownload::Result &r) {
            result = r;
            loop.quit();
        });
        onInterrupt = [&] { download.cancel(); };
        for (int attempt = 1; attempt <= attemptsPerFile; ++attempt) {
            download.start(d.file.url, target, d.file.size);
            if (download.isRunning())
                loop.exec();
            if (result.outcome != FileDownload::Outcome::Failed || !result.resumable || interruptedFlag.load())
                break;
            if (attempt < attemptsPerFile)
                line.done(tr("%1; trying again").arg(result.error));
        }
        onInterrupt = [] {};
        if (result.outcome == FileDownload::Outcome::Cancelled || interruptedFlag.load())
            return interrupted();
        if (result.outcome != FileDownload::Outcome::Done)
            return fail(Failed, result.error + (result.resumable ? tr(" (run again to resume)") : QString()));
        if (result.reused)
            line.done(tr("%1: downloaded by an earlier run").arg(what));
        else
            line.done(tr("%1: %2 downloaded%3").arg(what, bytesText(QFileInfo(target).size()),
                                                    result.resumedFrom > 0 ? tr(" (resumed at %1)").arg(bytesText(result.resumedFrom)) : QString()));
        downloaded << target;
        if (d.file.recordCount >= 0)
            store.expectRecords(target, d.file.recordCount); // a file cut short fails the import
        store.setPublishDate(target, d.publishDate);
    }

    // One import for everything, so that the mirror takes all of it or none (also the BIC map,
    // of another date). It runs outside the event loop: a signal reaches it through the flag.
    const bool imported = store.importFiles(downloaded, QDateTime(), [&](const MirrorImportProgress &p) {
        line.show(tr("importing: %1 records, %2%").arg(p.records).arg(p.totalBytes > 0 ? p.bytes * 100 / p.totalBytes : 0));
    }, &interruptedFlag);
    if (!imported && interruptedFlag.load())
        return interrupted(); // the downloads stay for the next run
    // Imported, or refused and fetched again next time.
    for (const QString &file : std::as_const(downloaded)) {
        QFile::remove(file);
        QFile::remove(FileDownload::recordPath(file));
    }
    QDir().rmdir(downloads); // only when empty
    if (!imported)
        return fail(Failed, store.error());
    line.done(tr("imported %1 file(s)").arg(downloaded.size()));
    if (!quiet)
        err << tr("%1: updated to the Golden Copy of %2").arg(QDir::toNativeSeparators(mirrorPath), when(latest->publishDate)) << '\n';
    return Ok;
}
