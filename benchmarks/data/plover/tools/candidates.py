"""List candidate sentences for hand labelling, with their references.

Searches the development corpora (CoNLL-2003 train stories, gwn_dev, reuters96_dev) for
sentences matching a category's typical verbs or a custom regular expression, and prints one
line per hit: `corpus<TAB>doc<TAB>sent<TAB>text`. The hit only proposes a sentence; its label
is decided by reading it.

Examples:
  python tools/candidates.py --category RETREAT
  python tools/candidates.py --regex "\\bexpel" --corpus conll2003-train --limit 50
  python tools/candidates.py --story 191          # every sentence of one story
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import load_labels  # noqa: E402

# Typical verbs and nouns per category, used only to find candidates.
CUES = {
    "AGREE": r"\b(agree[ds]?|pledge[ds]?|promise[ds]?|offer(ed|s)?|vow(ed|s)?|ready to|willing to|will sign|to sign|accept(ed|s)?)\b",
    "CONSULT": r"\b(met|meet(s|ing)?|talks|visit(ed|s|ing)?|arrived? in|held talks|discuss(ed|es)?|negotiat\w+|telephone[d]?|summit|hosted)\b",
    "SUPPORT": r"\b(praise[ds]?|welcome[ds]?|hail(ed|s)?|signed|ratif\w+|recogni[sz]\w+|endorse[ds]?|back(ed|s)|support(ed|s)?|commend\w*|congratulat\w+|restor\w+ (diplomatic )?(ties|relations))\b",
    "CONCEDE": r"\b(pardon\w*|amnest\w+|lift(ed|s)?|eas(ed|es|ing)|apologi[sz]\w+|regret\w*|truce|cease-?fire|conce(ssion|de)\w*|allow(ed|s)?|drop(ped|s)?|suspend(ed|s)?)\b",
    "COOPERATE": r"\b(cooperat\w+|co-operat\w+|joint|extradit\w+|handed over|hands? over|exchange[ds]?|trade (pact|agreement|deal)|share[ds]? (intelligence|information))\b",
    "AID": r"\b(aid|grant(ed|s)?|loan[s]?|donat\w+|assistance|relief|asylum|credit[s]?|food|humanitarian|supplies)\b",
    "RETREAT": r"\b(releas\w+|free[ds]?|freed|withdr[ae]w\w*|pull(ed)? out|pullout|resign\w*|quit[s]?|hand(ed)? back|return(ed|s)?|surrender\w*|disarm\w*|observ\w+ (the )?(truce|cease-?fire)|step(ped|s) down)\b",
    "REQUEST": r"\b(call(ed|s)? (on|for)|urge[ds]?|ask(ed|s)?|appeal(ed|s)?|demand(ed|s)?|request(ed|s)?|press(ed|es)? for|insist(ed|s)?)\b",
    "ACCUSE": r"\b(accus\w+|blam\w+|condemn\w*|critici[sz]\w+|denounc\w+|charg(ed|es)|investigat\w+|probe[ds]?|sue[ds]?|lawsuit|alleg\w+|protest(ed)? (to|against))\b",
    "REJECT": r"\b(reject\w*|refus\w+|turn(ed)? down|rebuff\w*|veto\w*|den(y|ied|ies) (a |the )?request|balk\w*|dismiss(ed|es)|defy\w*|defied|won't|would not|will not)\b",
    "THREATEN": r"\b(threat\w*|warn(ed|s|ing)?|ultimatum|or else|retaliat\w+)\b",
    "PROTEST": r"\b(protest\w*|demonstrat\w+|rall(y|ies|ied)|strike[s]?|striking|strikers|riot\w*|march(ed|es)?|boycott\w*|blockade[sd]?|hunger strike|sit-in)\b",
    "SANCTION": r"\b(sanction\w*|embargo\w*|expel\w*|sever\w*|broke off|break off|cancel\w*|suspend\w*|recall(ed|s)? (its )?ambassador|cut (off )?(ties|aid)|freez\w+|ban(ned|s)? (imports|exports)|boycott\w*)\b",
    "MOBILIZE": r"\b(deploy\w*|troops|massing|mass(ed)? (troops|forces)|reinforce\w*|alert|mobili[sz]\w+|manoeuvres|maneuvers|exercises|patrol\w*|sent (troops|soldiers|police)|build-?up)\b",
    "COERCE": r"\b(arrest\w*|detain\w*|held|jail\w*|sentenc\w+|seiz\w+|confiscat\w+|ban(ned|s)?|curfew|deport\w*|expel\w*|censor\w*|imprison\w*|custody|raid\w*|closed down|shut down)\b",
    "ASSAULT": r"\b(kill\w*|attack\w*|bomb\w*|shell\w*|shot|shoot\w*|clash\w*|fight\w*|wound\w*|kidnap\w*|hijack\w*|hostage\w*|ambush\w*|massacre\w*|exploded|explosion|gunmen|execut\w+|torture\w*|raid\w*|destroy\w*|burn(ed|t)?|murder\w*|assassinat\w+)\b",
}

SPORTS = re.compile(
    r"^(SOCCER|TENNIS|GOLF|CRICKET|BASEBALL|RUGBY|ATHLETICS|MOTOR|RALLY|BADMINTON|BASKETBALL|HORSE|"
    r"CYCLING|BOXING|SWIMMING|MOTOCROSS|NFL|NHL|SQUASH|ROWING|YACHTING|NBA|ALPINE|SKIING|ICE HOCKEY|"
    r"HOCKEY|TRIATHLON|JUDO|VOLLEYBALL|SPEEDWAY|AUSTRALIAN RULES|RTRS - (TENNIS|GOLF|SOCCER|CRICKET))",
    re.IGNORECASE,
)


def is_sports(sentences: list[str]) -> bool:
    """A CoNLL story whose headline starts with a sport's name."""
    return bool(sentences) and bool(SPORTS.match(sentences[0]))


def in_reuters96(texts) -> set[int]:
    """CoNLL story indexes that reuters96_dev also holds (those are listed from reuters96_dev only)."""
    return {int(doc.rsplit("-", 1)[1]) for doc in texts["reuters96_dev"]}


def hits(texts, pattern, corpus=None, include_sports=False, min_words=6, skip=frozenset()):
    """Yield (corpus, doc, sent, text) for sentences matching pattern, each story from one corpus only."""
    duplicated = in_reuters96(texts)
    for name, docs in texts.items():
        if corpus and name != corpus:
            continue
        for doc, sentences in docs.items():
            if name == "conll2003-train" and (
                doc in duplicated or (not include_sports and is_sports(sentences))
            ):
                continue
            for i, text in enumerate(sentences):
                if len(text.split()) < min_words:
                    continue
                if (name, doc, i) not in skip and pattern.search(text):
                    yield name, doc, i, text


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--category", choices=sorted(CUES))
    parser.add_argument("--regex", help="custom regular expression (case-insensitive)")
    parser.add_argument("--story", help="print every sentence of one CoNLL story (index) or article id")
    parser.add_argument("--corpus", choices=["conll2003-train", "gwn_dev", "reuters96_dev"])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--sports", action="store_true", help="include sports stories")
    parser.add_argument("--exclude", help="a labels YAML file whose references are left out")
    args = parser.parse_args(argv)

    texts = load_labels.corpora(Path(args.data))
    if args.story is not None:
        corpus = args.corpus or ("conll2003-train" if args.story.isdigit() else "gwn_dev")
        doc = int(args.story) if args.story.isdigit() else args.story
        for i, text in enumerate(texts[corpus][doc]):
            print(f"{corpus}\t{doc}\t{i}\t{text}")
        return
    skip = set()
    if args.exclude:
        for item in load_labels.read_labels(Path(args.exclude)):
            ref = item["ref"]
            skip.add((ref["corpus"], ref["doc"], ref["sent"]))
    pattern = re.compile(args.regex or CUES[args.category], re.IGNORECASE)
    found = hits(texts, pattern, args.corpus, args.sports, skip=skip)
    for n, (name, doc, i, text) in enumerate(found, 1):
        print(f"{name}\t{doc}\t{i}\t{text}")
        if args.limit and n >= args.limit:
            break


if __name__ == "__main__":
    main()
