#include "mirrorcommand.h"

#include "interrupthandler.h"
#include "mirrorstore.h"
#include "mirrorupdate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QTextStream>

#include <unistd.h>

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 2, ExitFailed = 3, ExitInterrupted = 130 };

QString when(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : QStringLiteral("none");
}

QString age(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    const qint64 hours = time.secsTo(QDateTime::currentDateTimeUtc()) / 3600;
    return hours >= 48 ? QStringLiteral(" (%1 days old)").arg(hours / 24) : QStringLiteral(" (%1 h old)").arg(hours);
}

int import(MirrorStore &mirror, const QStringList &files, bool quiet, QTextStream &out, QTextStream &err)
{
    const InterruptHandler interrupt; // the import watches its flag
    const bool tty = ::isatty(STDERR_FILENO);
    const auto progress = [&](const MirrorImportProgress &p) {
        if (quiet)
            return;
        err << (tty ? "\r\x1b[K" : "") << "lei-enrich: mirror: " << p.records << " records, "
            << (p.totalBytes > 0 ? p.bytes * 100 / p.totalBytes : 0) << "%" << (tty ? "" : "\n");
        err.flush();
    };
    const bool ok = mirror.importFiles(files, QDateTime(), progress, InterruptHandler::flag());
    if (!quiet && tty)
        err << "\r\x1b[K";
    if (InterruptHandler::interrupted()) {
        err << "lei-enrich: mirror import interrupted; " << QDir::toNativeSeparators(mirror.path()) << " left as it was\n";
        return ExitInterrupted;
    }
    if (!ok) {
        err << "lei-enrich: " << mirror.error() << "\n";
        return ExitFailed;
    }
    const MirrorStatus s = mirror.status();
    if (!quiet)
        out << "Imported " << files.size() << " file(s) into " << QDir::toNativeSeparators(mirror.path()) << ": "
            << s.records << " records, " << s.relationships << " relationships, " << s.exceptions
            << " reporting exceptions, " << s.bics << " BICs.\n";
    return ExitOk;
}

} // namespace

int runMirrorCommand(const QStringList &arguments)
{
    // `update` has options of its own (the GLEIF URLs, --timeout, --ca-bundle).
    if (arguments.value(2) == u"update")
        return runMirrorUpdate(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The local mirror of GLEIF's Golden Copy.\n\n"
        "Commands:\n"
        "  update          download what GLEIF published since the mirror's files and import it\n"
        "                  (see mirror update --help)\n"
        "  import FILE...  import LEI2, RR, reporting-exception and BIC-map files (ZIP or CSV)\n"
        "  status          publish dates, age, counts and size\n"
        "  remove          delete the mirror"));
    parser.addPositionalArgument(QStringLiteral("mirror"), QStringLiteral("The word 'mirror'."), QStringLiteral("mirror"));
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("update, import, status or remove."),
                                 QStringLiteral("update|import FILE...|status|remove"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption mirrorOption(QStringLiteral("mirror"),
                                          QStringLiteral("Mirror file (default: $LEI_ENRICHER_MIRROR, else %1).")
                                              .arg(QDir::toNativeSeparators(MirrorStore::defaultPath())),
                                          QStringLiteral("PATH"));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")}, QStringLiteral("No progress on stderr."));
    parser.addOption(mirrorOption);
    parser.addOption(quietOption);
    if (!parser.parse(arguments)) {
        err << "lei-enrich: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return ExitOk;
    }
    QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.constFirst() == u"mirror")
        positional.removeFirst();
    const QString command = positional.isEmpty() ? QString() : positional.takeFirst();
    const QString path = MirrorStore::resolvePath(parser.value(mirrorOption));
    const QString shownPath = QDir::toNativeSeparators(path);

    if (command == u"update")
        return runMirrorUpdate(arguments); // options before the word, as in `mirror -q update`
    if (command == u"import") {
        if (positional.isEmpty()) {
            err << "lei-enrich: mirror import: name the files to import\n";
            return ExitUsage;
        }
        MirrorStore mirror;
        if (!mirror.open(path) && QFileInfo::exists(path)) {
            err << "lei-enrich: " << mirror.error() << "\n";
            return ExitFailed; // not a mirror: never overwritten
        }
        return import(mirror, positional, parser.isSet(quietOption), out, err);
    }
    if (command == u"status" && positional.isEmpty()) {
        MirrorStore mirror;
        if (!mirror.open(path)) {
            err << "lei-enrich: " << mirror.error() << "\n";
            return ExitFailed;
        }
        const MirrorStatus s = mirror.status();
        const QDateTime lei2 = s.publishDates.value(MirrorFileType::Lei2);
        out << "Mirror file:     " << shownPath << "\n"
            << "Published:       " << when(lei2) << age(lei2) << "\n"
            << "Records:         " << s.records << "\n"
            << "Relationships:   " << s.relationships << " (published " << when(s.publishDates.value(MirrorFileType::Relationships)) << ")\n"
            << "Exceptions:      " << s.exceptions << " (published " << when(s.publishDates.value(MirrorFileType::Exceptions)) << ")\n"
            << "BICs:            " << s.bics << " (map of " << when(s.publishDates.value(MirrorFileType::BicMap)) << ")\n"
            << "Name index:      " << (s.nameIndex ? "yes (finding LEIs by name works offline)" : "none (a full LEI2 import builds it)") << "\n"
            << "Size on disk:    " << QLocale::c().formattedDataSize(s.sizeOnDisk) << " (" << s.sizeOnDisk << " bytes)\n";
        return ExitOk;
    }
    if (command == u"remove" && positional.isEmpty()) {
        const bool existed = QFileInfo::exists(path);
        QString error;
        if (!MirrorStore::remove(path, &error)) {
            err << "lei-enrich: " << error << "\n";
            return ExitFailed;
        }
        if (!parser.isSet(quietOption))
            out << (existed ? "Removed " : "No mirror at ") << shownPath << "\n";
        return ExitOk;
    }
    err << "lei-enrich: mirror: expected update, import FILE..., status or remove"
        << (command.isEmpty() ? QString() : QStringLiteral(" (got: %1)").arg((QStringList{command} + positional).join(u' ')))
        << "\n";
    return ExitUsage;
}
