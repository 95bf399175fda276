#pragma once
// The name index's second key (mirror schema 3): a normalised name's last characters, last to
// first, so that the names sharing an end are neighbours: SQL function name_tail(key), which
// index names_rkey is built on (an expression index: the table does not hold it twice). Twenty
// characters tell common ends ("... international") apart and keep the index small.

constexpr int kReversedKeyChars = 20;
#include <QByteArray>
#include <QByteArrayView>

#include <sqlite3.h>

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

// Every connection that writes names or reads names_rkey needs name_tail().
inline bool registerNameTail(sqlite3 *db)
{
    const auto nameTail = [](sqlite3_context *context, int, sqlite3_value **argv) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
        const QByteArray tail = reversedKey(QByteArrayView(text, text ? sqlite3_value_bytes(argv[0]) : 0));
        sqlite3_result_text(context, tail.constData(), int(tail.size()), SQLITE_TRANSIENT);
    };
    return sqlite3_create_function_v2(db, "name_tail", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                      nameTail, nullptr, nullptr, nullptr) == SQLITE_OK;
}
