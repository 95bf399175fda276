#pragma once
// The name index's second key (mirror schema 3): a normalised name's last characters, last to
// first, so that the names sharing an end are neighbours. Written at import, searched by
// matching. Twelve characters tell the ends apart well enough and keep the index small (the
// whole reversed name made the mirror 120 MB larger on 3.2 million entities).
constexpr int kReversedKeyChars = 12;
#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>
#include <cstring>

inline QByteArray reversedKey(QByteArrayView utf8)
{
    QByteArray out(utf8.size(), Qt::Uninitialized);
    qsizetype end = out.size();
    qsizetype start = 0; // of the last kReversedKeyChars characters
    for (qsizetype i = 0, chars = 0; i < utf8.size(); ++i) {
        if ((uchar(utf8[utf8.size() - 1 - i]) & 0xC0) != 0x80 && ++chars == kReversedKeyChars) {
            start = utf8.size() - 1 - i;
            break;
        }
    }
    for (qsizetype i = start; i < utf8.size();) {
        const auto lead = uchar(utf8[i]);
        qsizetype length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        length = std::min(length, utf8.size() - i);
        end -= length;
        std::memcpy(out.data() + end, utf8.data() + i, size_t(length));
        i += length;
    }
    return out.mid(end);
}
