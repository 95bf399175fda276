#include "namematcher.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <vector>

namespace Match {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Match", text);
}

// Letters that compatibility decomposition leaves whole but users write in ASCII.
void appendFolded(QString &out, QChar c)
{
    switch (c.unicode()) {
    case 0x00DF: out += u"ss"; return; // ß (ẞ folds to it)
    case 0x00E6: out += u"ae"; return; // æ
    case 0x0153: out += u"oe"; return; // œ
    case 0x00F8: out += u'o'; return;  // ø
    case 0x0111: case 0x00F0: out += u'd'; return; // đ ð
    case 0x0142: out += u'l'; return;  // ł
    case 0x00FE: out += u"th"; return; // þ
    case 0x0131: out += u'i'; return;  // dotless ı
    default: out += c;
    }
}

// Case folded, compatibility forms decomposed, marks dropped; "." and apostrophes vanish (so
// "S.A." is "sa" and "O'Brien" "obrien"); any other character that is no letter or digit
// separates words.
QString fold(const QString &name)
{
    const bool ascii = std::all_of(name.begin(), name.end(), [](QChar c) { return c.unicode() < 0x80; });
    const QString decomposed = ascii ? name : name.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.isLetterOrNumber() || c.isSurrogate()) {
            if (!c.isMark())
                appendFolded(out, c.toCaseFolded());
        } else if (c.isMark() || c == u'.' || c == u'\'' || c == u'\u2019' || c == u'`') {
            continue;
        } else {
            out += u' ';
        }
    }
    return out;
}

struct LegalForm
{
    const char *phrase; // folded words
    const char *code;
};

// Written out and abbreviated, as they read once folded and without connectors ("S.p.A." is
// "spa", "GmbH & Co. KG" "gmbh co kg", "société en nom collectif" "societe nom collectif").
const LegalForm kLegalForms[] = {
    // English
    {"public limited company", "PLC"}, {"public limited co", "PLC"}, {"plc", "PLC"},
    {"limited liability company", "LLC"}, {"limited liability co", "LLC"}, {"llc", "LLC"},
    {"limited liability partnership", "LLP"}, {"llp", "LLP"},
    {"limited partnership", "LP"}, {"lp", "LP"},
    {"limited", "LTD"}, {"ltd", "LTD"},
    {"incorporated", "INC"}, {"inc", "INC"},
    {"corporation", "CORP"}, {"corp", "CORP"},
    // German
    {"gesellschaft mit beschrankter haftung co kommanditgesellschaft", "GMBHCOKG"},
    {"gmbh co kommanditgesellschaft", "GMBHCOKG"}, {"gmbh co kg", "GMBHCOKG"}, {"gmbh cokg", "GMBHCOKG"},
    {"gesellschaft mit beschrankter haftung", "GMBH"}, {"gmbh", "GMBH"}, {"gesmbh", "GMBH"}, {"ges mbh", "GMBH"},
    {"kommanditgesellschaft auf aktien", "KGAA"}, {"kgaa", "KGAA"},
    {"aktiengesellschaft", "AG"}, {"ag", "AG"},
    {"kommanditgesellschaft", "KG"}, {"kg", "KG"},
    {"offene handelsgesellschaft", "OHG"}, {"ohg", "OHG"},
    {"unternehmergesellschaft haftungsbeschrankt", "UG"}, {"unternehmergesellschaft", "UG"},
    {"ug haftungsbeschrankt", "UG"}, {"ug", "UG"},
    {"eingetragener verein", "EV"}, {"ev", "EV"},
    {"societas europaea", "SE"}, {"europaische gesellschaft", "SE"}, {"se", "SE"},
    // French
    {"societe par actions simplifiee unipersonnelle", "SASU"}, {"sasu", "SASU"},
    {"societe par actions simplifiee", "SAS"}, {"sas", "SAS"},
    {"societe a responsabilite limitee", "SARL"}, {"sarl", "SARL"},
    {"entreprise unipersonnelle a responsabilite limitee", "EURL"}, {"eurl", "EURL"},
    {"societe commandite par actions", "SCA"}, {"sca", "SCA"},
    {"societe nom collectif", "SNC"}, {"snc", "SNC"},
    {"societe anonyme", "SA"},
    // Dutch
    {"besloten vennootschap met beperkte aansprakelijkheid", "BV"}, {"besloten vennootschap", "BV"}, {"bv", "BV"},
    {"naamloze vennootschap", "NV"}, {"nv", "NV"},
    {"commanditaire vennootschap", "CV"}, {"cv", "CV"},
    {"vennootschap onder firma", "VOF"}, {"vof", "VOF"},
    // Spanish
    {"sociedad anonima unipersonal", "SA"}, {"sociedad anonima", "SA"}, {"sau", "SA"}, {"sa", "SA"},
    {"sociedad limitada unipersonal", "SL"}, {"sociedad limitada", "SL"}, {"slu", "SL"}, {"sl", "SL"},
    {"sociedad de responsabilidad limitada", "SRL"},
    // Italian
    {"societa a responsabilita limitata", "SRL"}, {"srl", "SRL"},
    {"societa per azioni", "SPA"}, {"spa", "SPA"},
    {"societa in accomandita per azioni", "SAPA"}, {"sapa", "SAPA"},
    {"societa in accomandita semplice", "SAS"},
    {"societa in nome collettivo", "SNC"},
};

struct FormTable
{
    QHash<QString, QString> byPhrase;
    QSet<QString> tails; // the phrases' last words, last two words, ...: where a search can stop
    std::vector<std::pair<QString, QString>> long1; // one-word phrases of 5 letters or more
};

const FormTable &forms()
{
    static const FormTable table = [] {
        FormTable t;
        for (const LegalForm &f : kLegalForms) {
            const QString phrase = QString::fromLatin1(f.phrase);
            t.byPhrase.insert(phrase, QString::fromLatin1(f.code));
            t.tails.insert(phrase);
            for (qsizetype space = phrase.indexOf(u' '); space >= 0; space = phrase.indexOf(u' ', space + 1))
                t.tails.insert(phrase.mid(space + 1));
            if (!phrase.contains(u' ') && phrase.size() >= 5)
                t.long1.emplace_back(phrase, QString::fromLatin1(f.code));
        }
        return t;
    }();
    return table;
}

bool isConnector(const QString &w)
{
    return w == u"and" || w == u"und" || w == u"et" || w == u"en" || w == u"y" || w == u"e";
}

// Optimal string alignment distance (an adjacent swap is one edit), in two rows and a third.
int editDistance(QStringView a, QStringView b)
{
    const qsizetype n = a.size(), m = b.size();
    if (n == 0 || m == 0)
        return int(std::max(n, m));
    std::vector<int> prev2(size_t(m + 1)), prev(size_t(m + 1)), cur(size_t(m + 1));
    for (qsizetype j = 0; j <= m; ++j)
        prev[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int d = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d = std::min(d, prev2[size_t(j - 2)] + 1);
            cur[size_t(j)] = d;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[size_t(m)];
}

// Ties among equal names: ISSUED before any other registration status, then ACTIVE before INACTIVE.
int statusRank(const Entity &e)
{
    return (e.registrationStatus == u"ISSUED" ? 0 : 2) + (e.entityStatus == u"INACTIVE" ? 1 : 0);
}

bool isCountryCode(const QString &code)
{
    return code.size() == 2 && countryCode(code) == code;
}

// Why a name cannot be matched; empty when it can.
QString badName(const QString &name, const NormalisedName &n)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return tr("empty name");
    if (trimmed.size() == 1)
        return tr("name of one character");
    if (std::all_of(trimmed.begin(), trimmed.end(), [](QChar c) { return !c.isLetter(); }))
        return tr("name without letters");
    if (n.words.isEmpty())
        return tr("no words left once normalised");
    return {};
}

} // namespace

NormalisedName normalise(const QString &name)
{
    NormalisedName n;
    QStringList words = fold(name).split(u' ', Qt::SkipEmptyParts);
    // "S. A." and "B V" are "sa" and "bv": a run of single letters is one word.
    for (qsizetype i = 0; i + 1 < words.size(); ++i) {
        if (words[i].size() != 1 || words[i + 1].size() != 1)
            continue;
        qsizetype j = i + 1;
        while (j < words.size() && words[j].size() == 1)
            words[i] += words[j++];
        words.remove(i + 1, j - i - 1);
    }
    words.removeIf(isConnector);
    const FormTable &table = forms();
    // The longest phrase the name ends with (one word at least is left).
    QString tail;
    qsizetype formWords = 0;
    for (qsizetype len = 1; len < words.size(); ++len) {
        tail = len == 1 ? words.last() : words[words.size() - len] + u' ' + tail;
        if (!table.tails.contains(tail))
            break;
        if (const auto it = table.byPhrase.constFind(tail); it != table.byPhrase.constEnd()) {
            n.legalForm = *it;
            formWords = len;
        }
    }
    words.resize(words.size() - formWords);
    if (n.legalForm.isEmpty() && words.size() > 1 && words.last().size() >= 5) {
        // "Lmiited", "Incorporatd": a long form word with one typo is still the form.
        for (const auto &[phrase, code] : table.long1) {
            if (std::abs(phrase.size() - words.last().size()) <= 1 && editDistance(phrase, words.last()) == 1) {
                n.legalForm = code;
                words.removeLast();
                break;
            }
        }
    }
    if (words.size() > 1 && words.first() == u"the")
        words.removeFirst();
    for (QString &w : words)
        if (w == u"company")
            w = QStringLiteral("co");
    n.words = words;
    return n;
}

int similarity(const NormalisedName &a, const NormalisedName &b)
{
    const QString ka = a.key(), kb = b.key();
    int score = 100;
    if (ka != kb) {
        const qsizetype longest = std::max(ka.size(), kb.size());
        score = int(100 - (100 * editDistance(ka, kb) + longest / 2) / longest);
    }
    if (a.legalForm != b.legalForm)
        score -= a.legalForm.isEmpty() || b.legalForm.isEmpty() ? 4 : 30;
    return std::clamp(score, 0, 100);
}

QString countryCode(const QString &text)
{
    struct Table
    {
        QHash<QString, QString> byCode;  // alpha-2 and alpha-3, upper case
        QHash<QString, QString> byName;  // folded words joined by spaces
    };
    static const Table table = [] {
#include "countries.inc"
        Table t;
        const auto foldedName = [](const QString &s) { return fold(s).simplified(); };
        for (const char *line : kCountries) {
            const QString l = QString::fromUtf8(line);
            const QString alpha2 = l.left(2);
            t.byCode.insert(alpha2, alpha2);
            t.byCode.insert(l.mid(2, 3), alpha2);
            for (const QString &name : l.mid(5).split(u'|'))
                t.byName.insert(foldedName(name), alpha2);
        }
        // Qt's own English names add the usual short forms ("Russia", "Turkey", ...).
        for (int i = 1; i <= int(QLocale::LastTerritory); ++i) {
            const auto territory = QLocale::Territory(i);
            const QString code = QLocale::territoryToCode(territory);
            if (t.byCode.contains(code))
                t.byName.insert(foldedName(QLocale::territoryToString(territory)), code);
        }
        t.byName.insert(QStringLiteral("uk"), QStringLiteral("GB"));
        t.byName.insert(QStringLiteral("usa"), QStringLiteral("US"));
        return t;
    }();
    const QString trimmed = text.trimmed();
    if (trimmed.size() == 2 || trimmed.size() == 3) {
        if (const QString code = table.byCode.value(trimmed.toUpper()); !code.isEmpty())
            return code;
    }
    return table.byName.value(fold(trimmed).simplified());
}

Result rank(const Query &query, QVector<Entity> candidates)
{
    Result result;
    if (!query.country.isEmpty() && !isCountryCode(query.country)) {
        result.reason = tr("\"%1\" is no country").arg(query.country);
        return result;
    }
    // One entry per LEI; one found by the BIC keeps that mark.
    QHash<QString, qsizetype> seen;
    QVector<Entity> unique;
    for (Entity &e : candidates) {
        if (e.lei.isEmpty())
            continue;
        if (const auto it = seen.constFind(e.lei); it != seen.constEnd()) {
            unique[*it].byBic = unique[*it].byBic || e.byBic;
            continue;
        }
        seen.insert(e.lei, unique.size());
        unique.append(std::move(e));
    }
    const bool anyByBic = std::any_of(unique.begin(), unique.end(), [](const Entity &e) { return e.byBic; });
    unique.removeIf([&](const Entity &e) {
        if (anyByBic)
            return !e.byBic; // the BIC decides; name candidates only fill in when it finds nothing
        return !query.country.isEmpty() && e.legalCountry != query.country && e.hqCountry != query.country;
    });

    const NormalisedName q = normalise(query.name);
    const QString nameProblem = badName(query.name, q);
    if (!anyByBic && !nameProblem.isEmpty()) {
        result.reason = nameProblem;
        return result;
    }

    struct Scored
    {
        Candidate c;
        bool equal = false; // the normalised name is one of the entity's
        int status = 0; // ties among equal names: lower first
    };
    std::vector<Scored> scored;
    scored.reserve(size_t(unique.size()));
    for (Entity &e : unique) {
        Scored s;
        // Among equals: the legal address in the query's country before only the headquarters.
        s.status = statusRank(e) + (!query.country.isEmpty() && e.legalCountry != query.country ? 4 : 0);
        s.c.score = -1;
        QStringList names{e.legalName};
        names += e.otherNames;
        for (const QString &name : std::as_const(names)) {
            if (name.isEmpty())
                continue;
            const NormalisedName n = normalise(name);
            const int score = nameProblem.isEmpty() ? similarity(q, n) : 0;
            if (score > s.c.score || (nameProblem.isEmpty() && n == q && !s.equal)) {
                s.c.score = score;
                s.c.matchedName = name;
                s.c.matchedWords.clear();
                for (const QString &w : q.words)
                    if (n.words.contains(w) && !s.c.matchedWords.contains(w))
                        s.c.matchedWords.append(w);
            }
            s.equal = s.equal || (nameProblem.isEmpty() && n == q);
        }
        if (e.byBic)
            s.c.score = std::max(s.c.score, 0);
        if (s.c.score < 0)
            continue; // no name at all
        s.c.entity = std::move(e);
        scored.push_back(std::move(s));
    }
    std::sort(scored.begin(), scored.end(), [](const Scored &a, const Scored &b) {
        if (a.equal != b.equal)
            return a.equal;
        if (a.c.score != b.c.score)
            return a.c.score > b.c.score;
        if (a.status != b.status)
            return a.status < b.status;
        return a.c.entity.lei < b.c.entity.lei;
    });
    for (size_t i = 0; i < scored.size() && i < 3; ++i)
        result.candidates.append(scored[i].c);
    if (scored.empty()) {
        result.reason = anyByBic ? tr("no entity with this BIC") : tr("no candidate");
        return result;
    }
    result.score = scored[0].c.score;

    const auto decide = [&](Status status, const QString &reason = QString()) {
        result.status = status;
        result.reason = reason;
        if (status == Status::Exact || status == Status::Probable)
            result.lei = scored[0].c.entity.lei;
        if (status == Status::Exact)
            result.score = result.candidates[0].score = 100;
        return result;
    };
    if (anyByBic) {
        return scored.size() == 1 ? decide(Status::Exact)
                                  : decide(Status::Ambiguous, tr("the BIC belongs to %1 entities").arg(scored.size()));
    }
    if (scored[0].equal) {
        const size_t equals = size_t(std::count_if(scored.begin(), scored.end(), [](const Scored &s) { return s.equal; }));
        if (equals == 1 || scored[1].status > scored[0].status)
            return decide(Status::Exact);
        return decide(Status::Ambiguous, tr("%1 entities have this name").arg(equals));
    }
    const int best = scored[0].c.score;
    const int next = scored.size() > 1 ? scored[1].c.score : 0;
    if (best < 60)
        return decide(Status::None, tr("no name close enough (best %1)").arg(best));
    if (best >= 90 && best - next >= 10)
        return decide(Status::Probable);
    return decide(Status::Ambiguous, best >= 90 ? tr("close rivals") : tr("no close name"));
}

} // namespace Match
