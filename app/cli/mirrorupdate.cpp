#include "mirrorupdate.h"

#include "interrupthandler.h"
#include "mirrorstore.h"
#include "mirrorupdater.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocale>
#include <QTextStream>

#include <unistd.h>

namespace {

enum ExitCode { Ok = 0, Usage = 2, Failed = 3, Interrupted = 130 };

QString tr(const char *text)
{
    return QCoreApplication::translate("lei-enrich", text);
}

QString bytesText(qint64 n)
{
    return QLocale::c().formattedDataSize(n); // C locale: scripts parse stderr too
}

QString when(const QDateTime &d)
{
    return d.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
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
    const QString mirrorPath = QFileInfo(MirrorStore::resolvePath(parser.value(mirrorOption))).absoluteFilePath();
    const bool quiet = parser.isSet(quietOption);

    QEventLoop loop;
    MirrorUpdater updater;
    const InterruptHandler interrupt([&] { updater.cancel(); });
    if (!interrupt.ok())
        return fail(Failed, tr("cannot set up signal handling"));

    ProgressLine line(quiet);
    QString what;
    bool importing = false;
    QObject::connect(&updater, &MirrorUpdater::phaseChanged, &loop, [&](MirrorUpdater::Phase phase, int, int, const QString &text) {
        what = text;
        importing = phase == MirrorUpdater::Phase::Importing;
    });
    QObject::connect(&updater, &MirrorUpdater::progress, &loop, [&](qint64 bytes, qint64 total, qint64 records, double rate) {
        if (importing) {
            line.show(tr("importing: %1 records, %2%").arg(records).arg(total > 0 ? bytes * 100 / total : 0));
            return;
        }
        const QString left = total > 0 && rate > 0 ? tr("  %1 s left").arg(qint64((total - bytes) / rate)) : QString();
        line.show(tr("%1: %2 of %3  %4/s").arg(what, bytesText(bytes), total >= 0 ? bytesText(total) : tr("?"), bytesText(qint64(rate))) + left);
    });
    QObject::connect(&updater, &MirrorUpdater::retrying, &loop, [&](const QString &error) {
        line.done(tr("%1; trying again").arg(error));
    });
    int files = 0;
    QObject::connect(&updater, &MirrorUpdater::fileDownloaded, &loop, [&](const QString &path, bool reused, qint64 resumedFrom) {
        ++files;
        if (reused)
            line.done(tr("%1: downloaded by an earlier run").arg(what));
        else
            line.done(tr("%1: %2 downloaded%3").arg(what, bytesText(QFileInfo(path).size()),
                                                    resumedFrom > 0 ? tr(" (resumed at %1)").arg(bytesText(resumedFrom)) : QString()));
    });
    MirrorUpdater::Outcome outcome = MirrorUpdater::Outcome::Failed;
    QString error;
    QObject::connect(&updater, &MirrorUpdater::finished, &loop, [&](MirrorUpdater::Outcome o, const QString &e) {
        outcome = o;
        error = e;
        loop.quit();
    });
    MirrorUpdater::Settings settings;
    settings.mirrorPath = mirrorPath;
    settings.goldenCopyUrl = *goldenCopyBase;
    settings.mappingUrl = *mappingBase;
    settings.network = network;
    updater.start(settings);
    if (updater.isRunning())
        loop.exec();

    switch (outcome) {
    case MirrorUpdater::Outcome::UpToDate:
        if (!quiet)
            err << tr("%1: up to date (Golden Copy of %2, BIC map of %3)")
                       .arg(QDir::toNativeSeparators(mirrorPath), when(updater.goldenCopyDate()), when(updater.bicMapDate()))
                << '\n';
        return Ok;
    case MirrorUpdater::Outcome::Updated:
        line.done(tr("imported %1 file(s)").arg(files));
        if (!quiet)
            err << tr("%1: updated to the Golden Copy of %2").arg(QDir::toNativeSeparators(mirrorPath), when(updater.goldenCopyDate())) << '\n';
        return Ok;
    case MirrorUpdater::Outcome::Cancelled: {
        const QString downloads = updater.downloadFolder();
        return fail(Interrupted, tr("interrupted; the mirror is as it was%1")
                                     .arg(QFileInfo::exists(downloads) ? tr(", and what was downloaded stays in %1 for the next run").arg(QDir::toNativeSeparators(downloads)) : QString()));
    }
    case MirrorUpdater::Outcome::Failed:
        break;
    }
    return fail(Failed, error);
}
