// bench-match: issue 14's quality and speed figures for matching names against the mirror.
//   bench-match MIRROR N [NAMES]   NAMES (default 10,000) names of the first N generated entities
//                                  (bench-mirror generate DIR N; import), perturbed as users do,
//                                  matched (MirrorStore::matchCandidates + Match::rank), one table
//                                  row per perturbation; best of 3 timings.
//   $COUNTRY=0: no country with any name (default: every second name has one, as alpha-2,
//   alpha-3 or English name, converted by Match::countryCode as a run does).
#include "generatednames.h"
#include "goldencopygen.h"
#include "mirrorstore.h"
#include "namematcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QRandomGenerator>
#include <QTextStream>

#include <map>

#include <time.h>

namespace {

// TwinNoCountry is counted apart: without a country, two entities of one name in two countries
// are told apart by the contract's status preference alone, which is a guess when both are alive.
enum Kind { AsRegistered, Case, Punctuation, Diacritics, LegalForm, The, Ampersand, Spaces, Typo, Distractor, TwinNoCountry, Kinds };
const char *const kKindNames[Kinds] = {"as registered", "case", "punctuation", "diacritics dropped", "legal form",
                                       "\"The\" added/dropped", "& / and", "extra spaces", "one typo",
                                       "distractor (with country)", "twin name, no country"};
bool isTwin(qint64 n)
{
    const qint64 r = n % 50;
    return r == 16 || r == 17 || r == 28 || r == 29;
}

// A legal form as the generator writes it, and as users also write it.
const std::map<QString, QString> &formAlternatives(const QString &language)
{
    static const std::map<QString, QString> common{
        {QStringLiteral("Ltd"), QStringLiteral("Limited")}, {QStringLiteral("Limited"), QStringLiteral("Ltd.")},
        {QStringLiteral("PLC"), QStringLiteral("Public Limited Company")}, {QStringLiteral("Inc."), QStringLiteral("Incorporated")},
        {QStringLiteral("LLC"), QStringLiteral("Limited Liability Company")}, {QStringLiteral("Corporation"), QStringLiteral("Corp.")},
        {QStringLiteral("GmbH"), QStringLiteral("Gesellschaft mit beschränkter Haftung")},
        {QStringLiteral("AG"), QStringLiteral("Aktiengesellschaft")}, {QStringLiteral("KG"), QStringLiteral("Kommanditgesellschaft")},
        {QStringLiteral("GmbH & Co. KG"), QStringLiteral("GmbH und Co. Kommanditgesellschaft")},
        {QStringLiteral("SE"), QStringLiteral("Societas Europaea")},
        {QStringLiteral("SAS"), QStringLiteral("Société par actions simplifiée")},
        {QStringLiteral("SARL"), QStringLiteral("Société à responsabilité limitée")},
        {QStringLiteral("SA"), QStringLiteral("Société anonyme")}, {QStringLiteral("S.A."), QStringLiteral("Société Anonyme")},
        {QStringLiteral("B.V."), QStringLiteral("Besloten Vennootschap")}, {QStringLiteral("BV"), QStringLiteral("B.V.")},
        {QStringLiteral("N.V."), QStringLiteral("Naamloze Vennootschap")}, {QStringLiteral("C.V."), QStringLiteral("Commanditaire Vennootschap")},
        {QStringLiteral("S.L."), QStringLiteral("Sociedad Limitada")}, {QStringLiteral("SL"), QStringLiteral("S.L.")},
        {QStringLiteral("S.r.l."), QStringLiteral("Società a responsabilità limitata")}, {QStringLiteral("SRL"), QStringLiteral("S.r.l.")},
        {QStringLiteral("S.p.A."), QStringLiteral("Società per Azioni")}};
    static const std::map<QString, QString> spanish = [] {
        auto m = common;
        m[QStringLiteral("SA")] = QStringLiteral("Sociedad Anónima");
        m[QStringLiteral("S.A.")] = QStringLiteral("Sociedad Anónima");
        return m;
    }();
    return language == u"es" ? spanish : common;
}

QString withoutMarks(const QString &s)
{
    QString out;
    for (QChar c : s.normalized(QString::NormalizationForm_D))
        if (!c.isMark())
            out += c;
    return out.replace(u'ß', QStringLiteral("ss"));
}

struct Sample
{
    qint64 target;
    Kind kind;
    Match::Query query;
};

QString perturb(Kind kind, const GeneratedNames::Name &g, const QString &base, QRandomGenerator &random)
{
    QString s = base;
    switch (kind) {
    case AsRegistered:
    case Distractor:
    case TwinNoCountry:
        return s;
    case Case:
        switch (random.bounded(3)) {
        case 0: return s.toUpper();
        case 1: return s.toLower();
        default: {
            QString t = s.toLower();
            for (qsizetype i = 0; i < t.size(); ++i)
                if (i == 0 || t[i - 1] == u' ')
                    t[i] = t[i].toUpper();
            return t;
        }
        }
    case Punctuation:
        if (s.contains(u'.'))
            return s.remove(u'.');
        s.insert(s.lastIndexOf(u' '), u','); // "Acme Holdings, Ltd"
        return s.endsWith(u"Ltd") || s.endsWith(u"Inc") ? s + u'.' : s;
    case Diacritics:
        return withoutMarks(s);
    case LegalForm: {
        const auto &alternatives = formAlternatives(g.language);
        for (auto it = alternatives.rbegin(); it != alternatives.rend(); ++it) // longest key first
            if (s.endsWith(u' ' + it->first))
                return s.left(s.size() - it->first.size()) + it->second;
        return s;
    }
    case The:
        return s.startsWith(u"The ") ? s.mid(4) : QStringLiteral("The ") + s;
    case Ampersand:
        if (s.contains(u" & "))
            return s.replace(u" & "_qs, g.language == u"de" ? u" und "_qs : u" and "_qs);
        for (const QString &c : {QStringLiteral(" et "), QStringLiteral(" en "), QStringLiteral(" y "), QStringLiteral(" and ")})
            if (s.contains(c))
                return s.replace(c, QStringLiteral(" & "));
        return s.replace(u' ', QStringLiteral("  ")); // no connector in this name: spaces instead
    case Spaces: {
        s = u' ' + s + QStringLiteral("  ");
        const qsizetype space = s.indexOf(u' ', 2);
        return space > 0 ? s.insert(space, QStringLiteral("   ")) : s;
    }
    case Typo: {
        std::vector<qsizetype> letters;
        for (qsizetype i = 0; i < s.size(); ++i)
            if (s[i].isLetter())
                letters.push_back(i);
        const qsizetype at = letters[size_t(random.bounded(int(letters.size())))];
        const QChar other = QChar(u'a' + random.bounded(26));
        switch (random.bounded(4)) {
        case 0: s[at] = s[at] == other ? QChar(u'q') : other; break; // substitution
        case 1: s.remove(at, 1); break;
        case 2: s.insert(at, other); break;
        default:
            if (at + 1 < s.size() && s[at + 1].isLetter() && s[at + 1] != s[at])
                std::swap(s[at], s[at + 1]);
            else
                s.remove(at, 1);
        }
        return s;
    }
    case Kinds:
        break;
    }
    return s;
}

QString countryAs(const QString &alpha2, int style)
{
    if (style == 0)
        return alpha2;
    const QLocale::Territory t = QLocale::codeToTerritory(alpha2);
    return style == 1 ? QLocale::territoryToString(t) : alpha2.toLower();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList a = app.arguments();
    if (a.size() < 3) {
        out << "usage: bench-match MIRROR N [NAMES]\n";
        return 2;
    }
    MirrorStore mirror;
    if (!mirror.open(a[1])) {
        out << mirror.error() << "\n";
        return 3;
    }
    const qint64 n = a[2].toLongLong();
    const int count = a.size() > 3 ? a[3].toInt() : 10000;
    const bool withCountry = qEnvironmentVariable("COUNTRY") != u"0";
    GoldenCopyGenerator gen;
    QRandomGenerator random(14);

    std::vector<Sample> samples;
    for (int i = 0; i < count + count / 10; ++i) {
        const Kind kind = i < count ? Kind(i % (Kinds - 1)) : TwinNoCountry;
        qint64 target = qint64(random.bounded(quint64(n - 1)));
        if (kind == Distractor) // one of a pair sharing a name (other country, or other legal form)
            target = target / 50 * 50 + QList<qint64>{16, 17, 28, 29}.at(random.bounded(4));
        else if (kind == TwinNoCountry) // other country
            target = target / 50 * 50 + 16 + random.bounded(2);
        while (target >= n || (kind < Distractor && isTwin(target)))
            target = (target + 3) % n; // the twins are the distractors' rows
        const GeneratedNames::Name g = GeneratedNames::name(target);
        const QString base = g.transliterated.isEmpty() ? g.legalName : g.transliterated;
        Sample s{target, kind, {perturb(kind, g, base, random), {}, {}}};
        if (kind == Distractor || (kind != TwinNoCountry && withCountry && i % 2 == 0))
            s.query.country = Match::countryCode(countryAs(g.legalCountry, random.bounded(3)));
        samples.push_back(s);
    }
    QVector<Match::Query> queries;
    for (const Sample &s : samples)
        queries.append(s.query);

    QVector<Match::Result> results;
    qint64 bestMs = -1, candidatesMs = 0;
    double bestCpuMs = -1;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer t;
        t.start();
        timespec cpu0{}, cpu1{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
        const QVector<QVector<Match::Entity>> candidates = mirror.matchCandidates(queries);
        const qint64 mirrorMs = t.elapsed();
        results.clear();
        for (qsizetype i = 0; i < queries.size(); ++i)
            results.append(Match::rank(queries[i], candidates[i]));
        const qint64 ms = t.elapsed();
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
        const double cpuMs = (cpu1.tv_sec - cpu0.tv_sec) * 1e3 + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e6;
        bestCpuMs = bestCpuMs < 0 ? cpuMs : qMin(bestCpuMs, cpuMs);
        if (bestMs < 0 || ms < bestMs) {
            bestMs = ms;
            candidatesMs = mirrorMs;
        }
    }
    if (!mirror.error().isEmpty())
        out << "mirror: " << mirror.error() << "\n";

    struct Row
    {
        int total = 0, top1 = 0, exact = 0, wrongExact = 0, probable = 0, wrongProbable = 0, ambiguous = 0, none = 0;
    };
    Row rows[Kinds + 1]; // the last: all but TwinNoCountry
    QStringList examples;
    for (size_t i = 0; i < samples.size(); ++i) {
        const Sample &s = samples[i];
        const Match::Result &r = results[qsizetype(i)];
        const QString lei = GoldenCopyGenerator::lei(s.target);
        for (Row *row : {&rows[s.kind], s.kind == TwinNoCountry ? nullptr : &rows[Kinds]}) {
            if (!row)
                continue;
            ++row->total;
            row->top1 += !r.candidates.isEmpty() && r.candidates.first().entity.lei == lei;
            row->exact += r.status == Match::Status::Exact && r.lei == lei;
            row->wrongExact += r.status == Match::Status::Exact && r.lei != lei;
            row->probable += r.status == Match::Status::Probable && r.lei == lei;
            row->wrongProbable += r.status == Match::Status::Probable && r.lei != lei;
            row->ambiguous += r.status == Match::Status::Ambiguous;
            row->none += r.status == Match::Status::None;
        }
        const bool wrong = (r.status == Match::Status::Exact || r.status == Match::Status::Probable) && r.lei != lei;
        if ((wrong || r.candidates.isEmpty() || r.candidates.first().entity.lei != lei) && examples.size() < 12)
            examples << QStringLiteral("  %1: \"%2\" [%3] -> %4 %5 (target \"%6\")")
                            .arg(QLatin1String(kKindNames[s.kind]), s.query.name, s.query.country,
                                 r.candidates.isEmpty() ? QStringLiteral("-") : r.candidates.first().entity.legalName)
                            .arg(r.score)
                            .arg(GeneratedNames::name(s.target).legalName);
    }
    const auto pct = [](int part, int whole) { return QString::number(whole ? 100.0 * part / whole : 0, 'f', 1); };
    out << "bench-match: " << count << " names (+ " << count / 10 << " twin names without a country) against a mirror of " << n << " entities"
        << (withCountry ? " (every second name with a country)" : " (no country)") << "\n\n";
    out << "| perturbation | names | top-1 correct | exact (right) | wrong exact | probable (right) | wrong probable | ambiguous | none |\n"
        << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (int k : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, int(Kinds), int(TwinNoCountry)}) {
        const Row &r = rows[k];
        out << "| " << (k == Kinds ? "**all above**" : kKindNames[k]) << " | " << r.total << " | " << pct(r.top1, r.total) << "% | "
            << pct(r.exact, r.total) << "% | " << r.wrongExact << " | " << pct(r.probable, r.total) << "% | "
            << r.wrongProbable << " (" << pct(r.wrongProbable, r.total) << "%) | " << pct(r.ambiguous, r.total) << "% | "
            << pct(r.none, r.total) << "% |\n";
    }
    out << "\ntime for " << queries.size() << " names: " << bestMs / 1000.0 << " s (candidates from the mirror "
        << candidatesMs / 1000.0 << " s, ranking " << (bestMs - candidatesMs) / 1000.0 << " s), CPU " << bestCpuMs / 1000.0
        << " s, best of 3\n";
    if (!examples.isEmpty())
        out << "misses (first " << examples.size() << "):\n" << examples.join(u'\n') << "\n";
    return 0;
}
