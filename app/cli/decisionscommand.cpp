#include "decisionscommand.h"

#include "cachecommand.h"
#include "leicache.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

namespace {

constexpr int ExitOk = 0;
constexpr int ExitUsage = 2;
constexpr int ExitCacheFile = 3;

} // namespace

int runDecisionsCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString program = QStringLiteral("lei-enrich");

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The review decisions kept in the cache file (a name, in a country or any, is an LEI); "
        "enrichments with --match-name apply them (match_status accepted).\n\n"
        "Commands:\n"
        "  list         every decision: name, country, LEI ((rejected): none of the candidates),\n"
        "               when decided (tab-separated)\n"
        "  forget NAME  drop the decisions for this name (any case and spacing), every country\n"
        "  clear        drop every decision"));
    parser.addPositionalArgument(QStringLiteral("decisions"), QStringLiteral("The word 'decisions'."), QStringLiteral("decisions"));
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("list, forget NAME or clear."),
                                 QStringLiteral("list|forget NAME|clear"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption cacheOption = cacheFileOption();
    parser.addOption(cacheOption);
    if (!parser.parse(arguments)) {
        err << program << ": " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return ExitOk;
    }
    QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.constFirst() == u"decisions")
        positional.removeFirst();
    const QString command = positional.value(0);
    const int wanted = command == u"forget" ? 2 : 1;
    if ((command != u"list" && command != u"forget" && command != u"clear") || positional.size() != wanted) {
        err << program << ": decisions: expected list, forget NAME or clear"
            << (positional.isEmpty() ? QString() : QStringLiteral(" (got: %1)").arg(positional.join(u' '))) << "\n";
        return ExitUsage;
    }

    LeiCache cache;
    if (!cache.open(LeiCache::resolvePath(parser.value(cacheOption)))) {
        err << program << ": " << cache.lastError() << "\n";
        return ExitCacheFile;
    }
    if (!cache.warning().isEmpty())
        err << program << ": warning: " << cache.warning() << "\n";

    if (command == u"list") {
        const QList<MatchDecision> decisions = cache.decisions();
        if (!cache.lastError().isEmpty()) {
            err << program << ": " << cache.lastError() << "\n";
            return ExitCacheFile;
        }
        for (const MatchDecision &d : decisions)
            out << d.name << '\t' << (d.country.isEmpty() ? QStringLiteral("-") : d.country) << '\t'
                << (d.lei.isEmpty() ? QStringLiteral("(rejected)") : d.lei) << '\t'
                << d.decidedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) << '\n';
        return ExitOk;
    }
    const qint64 removed = command == u"forget" ? cache.forgetDecision(positional.at(1)) : cache.clearDecisions();
    if (removed < 0) {
        err << program << ": " << cache.lastError() << "\n";
        return ExitCacheFile;
    }
    out << "Removed " << removed << " decision(s) from " << QDir::toNativeSeparators(cache.path()) << ".\n";
    return ExitOk;
}
