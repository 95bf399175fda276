#include "generatednames.h"

#include <QHash>

#include <vector>

namespace GeneratedNames {

const char *const kCountries[10] = {"GB", "DE", "FR", "NL", "ES", "IT", "US", "IE", "LU", "JP"};

namespace {

enum Language { En, De, Fr, Nl, Es, It, Languages };
const Language kLanguageOf[10] = {En, De, Fr, Nl, Es, It, En, En, Fr, En};
const char *const kLang[Languages] = {"en", "de", "fr", "nl", "es", "it"};

// Surnames are a prefix and a suffix (30 x 20 = 600 per language).
const char *const kPrefixes[Languages][30] = {
    {"Ash", "Black", "Brad", "Brook", "Chad", "Clay", "Craw", "Dun", "Els", "Fair", "Gold", "Green", "Hart", "Hay", "Hol",
     "Kings", "Lang", "Mar", "Mid", "Nor", "Oak", "Pem", "Rad", "Red", "Ship", "Stan", "Thorn", "Wat", "Whit", "Wex"},
    {"Berg", "Hoff", "Kirch", "Wald", "Stein", "Brand", "Roth", "Schwarz", "Weiß", "Klein", "Groß", "Lang", "Hart", "Feld",
     "Linden", "Rosen", "Eich", "Fisch", "Sommer", "Winter", "Möll", "Schön", "Kraus", "Neu", "Alt", "Hoch", "Ober", "Busch",
     "Jäger", "Köhl"},
    {"Beau", "Bel", "Bon", "Cha", "Dela", "Du", "Fon", "Gar", "Gir", "Lam", "Le", "Mar", "Mont", "Mor", "Pel", "Ro", "Ser",
     "Tis", "Val", "Ver", "Bou", "Cor", "Fau", "Gau", "Lan", "Mich", "Pic", "Rich", "Sau", "Thi"},
    {"Berg", "Bosch", "Brink", "Dijk", "Veld", "Hout", "Kamp", "Meer", "Akker", "Heuvel", "Broek", "Laan", "Wal", "Linde",
     "Graaf", "Haan", "Vries", "Boer", "Jong", "Wit", "Smit", "Mulder", "Visser", "Bakker", "Jans", "Hendrik", "Dekker",
     "Kok", "Peet", "Meij"},
    {"Al", "Bar", "Cas", "Del", "Es", "Fer", "Gal", "Her", "Ib", "Lo", "Mar", "Mor", "Nav", "Or", "Pa", "Quin", "Ram", "Ri",
     "Sal", "Tor", "Val", "Var", "Vel", "Zam", "Can", "Cor", "Dom", "Gar", "Mon", "Ro"},
    {"Bian", "Ros", "Col", "Ric", "Mar", "Gal", "Con", "Fer", "Lom", "Sal", "Car", "Ben", "Gio", "Pel", "Bar", "Tor", "Vit",
     "Mon", "Fal", "Gre", "Cas", "Del", "Fio", "Leo", "Mas", "Pa", "San", "Ser", "Val", "Ver"},
};
const char *const kSuffixes[Languages][20] = {
    {"ford", "ley", "ton", "wood", "field", "worth", "more", "by", "well", "ham", "stone", "wick", "dale", "bury", "son",
     "ridge", "brook", "hurst", "land", "croft"},
    {"mann", "er", "berg", "hof", "bach", "feld", "haus", "stein", "hauer", "ner", "inger", "meier", "schmidt", "ke", "mayr",
     "wald", "rich", "hardt", "stätter", "huber"},
    {"bert", "ard", "ier", "eau", "ot", "in", "on", "aux", "elle", "ière", "ault", "ais", "ette", "oux", "y", "ès", "ignac",
     "eron", "ane", "court"},
    {"", "s", "man", "huis", "stra", "ink", "ema", "sma", "hof", "veld", "ing", "ers", "kamp", "berg", "dijk", "zen", "ert",
     "ouw", "er", "sen"},
    {"tero", "ela", "ález", "ánchez", "varro", "tín", "dero", "cón", "rido", "iego", "aza", "illo", "ón", "era", "eda", "ero",
     "illa", "uela", "ano", "oz"},
    {"chi", "si", "ombo", "ci", "ino", "etti", "elli", "one", "ari", "ucci", "ini", "otti", "esi", "ani", "ardo", "ato",
     "ello", "iero", "azzi", "osso"},
};
// The same 40 trades in each language (index-aligned: the English rendering of a name).
const char *const kTrades[Languages][40] = {
    {"Construction", "Logistics", "Engineering", "Property", "Trading", "Technologies", "Electrical", "Insurance", "Transport",
     "Investments", "Motors", "Software", "Energy", "Steel", "Printing", "Brewery", "Medical", "Pharmaceuticals", "Chemicals",
     "Textiles", "Furniture", "Foods", "Consulting", "Finance", "Asset Management", "Timber", "Glass", "Plastics", "Travel",
     "Catering", "Agriculture", "Environmental", "Solar", "Tools", "Publishing", "Hotels", "Housing", "Shipping", "Security",
     "Packaging"},
    {"Bau", "Logistik", "Maschinenbau", "Immobilien", "Handel", "Technik", "Elektro", "Versicherung", "Spedition",
     "Beteiligungen", "Automobile", "Software", "Energie", "Stahlbau", "Druckerei", "Brauerei", "Medizintechnik", "Pharma",
     "Chemie", "Textil", "Möbel", "Lebensmittel", "Beratung", "Finanz", "Vermögensverwaltung", "Holzbau", "Glas",
     "Kunststoff", "Reisen", "Gastronomie", "Landtechnik", "Umwelttechnik", "Solar", "Werkzeugbau", "Verlag", "Hotel",
     "Wohnbau", "Reederei", "Sicherheit", "Verpackung"},
    {"Construction", "Logistique", "Ingénierie", "Immobilier", "Commerce", "Technologies", "Électricité", "Assurances",
     "Transports", "Participations", "Automobiles", "Logiciels", "Énergie", "Aciers", "Imprimerie", "Brasserie", "Médical",
     "Pharmacie", "Chimie", "Textiles", "Meubles", "Alimentation", "Conseil", "Finance", "Gestion d'Actifs", "Bois",
     "Verrerie", "Plastiques", "Voyages", "Restauration", "Agriculture", "Environnement", "Solaire", "Outillage", "Éditions",
     "Hôtels", "Habitat", "Maritime", "Sécurité", "Emballages"},
    {"Bouw", "Logistiek", "Machinebouw", "Vastgoed", "Handel", "Techniek", "Elektrotechniek", "Verzekeringen", "Transport",
     "Beleggingen", "Auto's", "Software", "Energie", "Staal", "Drukkerij", "Brouwerij", "Medisch", "Farmacie", "Chemie",
     "Textiel", "Meubelen", "Voeding", "Advies", "Financiering", "Vermogensbeheer", "Hout", "Glas", "Kunststoffen", "Reizen",
     "Catering", "Landbouw", "Milieu", "Zonne-energie", "Gereedschap", "Uitgeverij", "Hotels", "Woningbouw", "Scheepvaart",
     "Beveiliging", "Verpakkingen"},
    {"Construcciones", "Logística", "Ingeniería", "Inmobiliaria", "Comercial", "Tecnologías", "Eléctrica", "Seguros",
     "Transportes", "Inversiones", "Automóviles", "Software", "Energía", "Aceros", "Imprenta", "Cervecera", "Médica",
     "Farmacéutica", "Química", "Textil", "Muebles", "Alimentación", "Consultoría", "Financiera", "Gestión de Activos",
     "Maderas", "Vidrios", "Plásticos", "Viajes", "Restauración", "Agrícola", "Medioambiente", "Solar", "Herramientas",
     "Editorial", "Hoteles", "Viviendas", "Naviera", "Seguridad", "Embalajes"},
    {"Costruzioni", "Logistica", "Ingegneria", "Immobiliare", "Commercio", "Tecnologie", "Elettrica", "Assicurazioni",
     "Trasporti", "Partecipazioni", "Automobili", "Software", "Energia", "Acciai", "Tipografia", "Birrificio", "Medicale",
     "Farmaceutici", "Chimica", "Tessile", "Mobili", "Alimentari", "Consulenza", "Finanziaria", "Gestione Patrimoniale",
     "Legnami", "Vetri", "Plastica", "Viaggi", "Ristorazione", "Agricola", "Ambiente", "Solare", "Utensili", "Editrice",
     "Alberghi", "Edilizia", "Navigazione", "Sicurezza", "Imballaggi"},
};
const char *const kQualifiers[Languages][16] = {
    {"", "Holdings", "Group", "Services", "International", "Partners", "Europe", "North", "South", "Capital", "Solutions",
     "Systems", "Industries", "Global", "Associates", "Brothers"},
    {"", "Holding", "Gruppe", "Service", "International", "Nord", "Süd", "Berlin", "München", "Hamburg", "Frankfurt", "Köln",
     "Stuttgart", "Bayern", "Sachsen", "Rhein"},
    {"", "Holding", "Groupe", "Services", "International", "Paris", "Lyon", "Marseille", "Nord", "Sud", "Ouest", "Est",
     "Bretagne", "Provence", "Alsace", "Normandie"},
    {"", "Holding", "Groep", "Diensten", "Internationaal", "Nederland", "Amsterdam", "Rotterdam", "Utrecht", "Noord", "Zuid",
     "Oost", "West", "Brabant", "Limburg", "Friesland"},
    {"", "Holding", "Grupo", "Servicios", "Internacional", "Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Norte",
     "Sur", "Levante", "Andalucía", "Cataluña", "Galicia"},
    {"", "Holding", "Gruppo", "Servizi", "Internazionale", "Milano", "Roma", "Torino", "Napoli", "Bologna", "Nord", "Sud",
     "Veneto", "Toscana", "Lombardia", "Sicilia"},
};
// As registers write them, the common ones repeated to weigh them; `kind` tells forms of the same
// legal form apart from others (a distractor takes another kind).
struct Form
{
    const char *text;
    int kind;
};
const std::vector<Form> kForms[Languages] = {
    {{"Ltd", 0}, {"Limited", 0}, {"Ltd", 0}, {"PLC", 1}, {"Inc.", 2}, {"LLC", 3}, {"Corporation", 4}, {"Limited", 0}},
    {{"GmbH", 0}, {"GmbH", 0}, {"AG", 1}, {"GmbH & Co. KG", 2}, {"KG", 3}, {"SE", 4}},
    {{"SA", 0}, {"SAS", 1}, {"SARL", 2}, {"S.A.", 0}, {"SAS", 1}},
    {{"B.V.", 0}, {"B.V.", 0}, {"N.V.", 1}, {"BV", 0}, {"C.V.", 2}},
    {{"S.L.", 0}, {"S.A.", 1}, {"SL", 0}, {"S.L.", 0}, {"SA", 1}},
    {{"S.r.l.", 0}, {"S.p.A.", 1}, {"S.r.l.", 0}, {"SRL", 0}, {"S.p.A.", 1}},
};
const char *const kConnector[Languages] = {"&", "&", "et", "en", "y", "&"};
const char *const kCities[10][4] = {
    {"London", "Manchester", "Leeds", "Bristol"},  {"Frankfurt am Main", "München", "Düsseldorf", "Köln"},
    {"Paris", "Lyon", "Toulouse", "Nantes"},        {"Amsterdam", "Rotterdam", "Den Haag", "Eindhoven"},
    {"Madrid", "Barcelona", "Valencia", "Bilbao"},  {"Milano", "Roma", "Torino", "Bologna"},
    {"New York", "Wilmington", "Chicago", "Boston"}, {"Dublin", "Cork", "Galway", "Limerick"},
    {"Luxembourg", "Esch-sur-Alzette", "Differdange", "Strassen"}, {"Tokyo", "Osaka", "Nagoya", "Yokohama"},
};

// The countries of a language, in cycle order: entity n is the k-th of its language's slot.
int slotsOf(Language language, int country, int *rank)
{
    int count = 0;
    for (int c = 0; c < 10; ++c) {
        if (kLanguageOf[c] != language)
            continue;
        if (c == country)
            *rank = count;
        ++count;
    }
    return count;
}

QString surname(Language l, int s)
{
    return QString::fromUtf8(kPrefixes[l][s % 30]) + QString::fromUtf8(kSuffixes[l][s / 30]);
}

// The name of the m-th entity of a language: digits of m in radix 600 (surname), 40 (trade),
// 16 (qualifier), then a second surname; distinct m, distinct name.
QString baseName(Language l, qint64 m, Language tradeLanguage)
{
    const int s1 = int(m % 600), trade = int((m / 600) % 40), qualifier = int((m / 24000) % 16);
    const qint64 q = m / 384000;
    QString owners = surname(l, s1);
    if (q > 0)
        owners += u' ' + QString::fromUtf8(kConnector[l]) + u' ' + surname(l, int((s1 + 37 * q) % 600));
    const QString tradeName = QString::fromUtf8(kTrades[tradeLanguage][trade]);
    QString name;
    switch (l) {
    case Fr: case Es: case It: name = tradeName + u' ' + owners; break; // "Transports Dupont"
    default: name = owners + u' ' + tradeName;
    }
    if (qualifier > 0)
        name += u' ' + QString::fromUtf8(kQualifiers[tradeLanguage == l ? l : En][qualifier]);
    return name;
}

QString toCyrillic(const QString &latin)
{
    static const QHash<QChar, QString> map = [] {
        QHash<QChar, QString> m;
        const char *pairs[][2] = {{"a", "а"}, {"b", "б"}, {"c", "ц"}, {"d", "д"}, {"e", "е"}, {"f", "ф"}, {"g", "г"},
                                  {"h", "х"}, {"i", "и"}, {"j", "й"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"},
                                  {"o", "о"}, {"p", "п"}, {"q", "к"}, {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"},
                                  {"v", "в"}, {"w", "в"}, {"x", "кс"}, {"y", "ы"}, {"z", "з"}};
        for (const auto &p : pairs) {
            m.insert(QLatin1Char(p[0][0]), QString::fromUtf8(p[1]));
            m.insert(QChar(QLatin1Char(p[0][0])).toUpper(), QString::fromUtf8(p[1]).toUpper());
        }
        return m;
    }();
    QString out;
    for (QChar c : latin)
        out += map.value(c, QString(c));
    return out;
}

} // namespace

Name name(qint64 n)
{
    Name out;
    qint64 base = n;
    int country = int(n % 10);
    int formShift = 0;
    if (n % 50 == 17 && n > 0) {
        base = n - 1; // same name, another country
    } else if (n % 50 == 29 && n > 0) {
        base = n - 1; // same name and country, another legal form
        country = int((n - 1) % 10);
        formShift = 1;
    }
    const int baseCountry = int(base % 10);
    const Language l = kLanguageOf[baseCountry];
    int rank = 0;
    const int count = slotsOf(l, baseCountry, &rank);
    const qint64 m = (base / 10) * count + rank;
    const std::vector<Form> &forms = kForms[l];
    const size_t first = size_t((m * 7 + base / 10) % qint64(forms.size()));
    size_t f = first;
    while (formShift && forms[f].kind == forms[first].kind)
        f = (f + 1) % forms.size();
    const QString form = QString::fromUtf8(forms[f].text);
    const bool the = l == En && m % 11 == 3;
    out.legalName = (the ? QStringLiteral("The ") : QString()) + baseName(l, m, l) + u' ' + form;
    out.language = QLatin1String(kLang[l]);
    out.legalCountry = QLatin1String(kCountries[country]);
    out.city = QString::fromUtf8(kCities[country][(n / 10) % 4]);
    if (l != En && n % 3 == 0)
        out.otherName = baseName(l, m, En) + (l == De ? QStringLiteral(" Limited") : QStringLiteral(" Ltd"));
    if (n % 41 == 11) { // a Russian-registered name and its Latin transliteration
        out.transliterated = out.legalName;
        out.legalName = toCyrillic(out.legalName);
        out.language = QStringLiteral("ru");
    }
    return out;
}

} // namespace GeneratedNames
