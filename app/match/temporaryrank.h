#pragma once
// TEMPORARY (delete when merging match-engine): stand-ins for Match::normalise, Match::rank,
// Match::countryCode and MirrorStore::matchCandidates, so the run side builds and its tests run
// before the ranking exists. Deliberately trivial.
#include "matchtypes.h"

class MirrorStore;

namespace Match {
QString normalise(const QString &name);
Result rank(const Query &query, const QVector<Entity> &entities);
QString countryCode(const QString &text);
} // namespace Match

QVector<QVector<Match::Entity>> temporaryMirrorCandidates(MirrorStore &mirror, const QVector<Match::Query> &queries);
