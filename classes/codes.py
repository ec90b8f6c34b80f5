"""Join codes and sign-in cards: short, random, and easy to type on a phone.

A join code is six characters from an alphabet without look-alikes (no 0/O,
1/I/L, 2/Z, 5/S, 8/B): 22^6, about 110 million codes, with joining limited
per account and address (settings.ACCOUNT_RATE_LIMITS["class_join"]).

A card's username is a short word and three digits ("river381"); its
passphrase is three short common words and two digits, lowercase, separated
by spaces ("lime boat song 47"): no capitals, no symbols, nothing a phone
keyboard hides on a second page but the digits. 160^3 x 100 is about 2^32
passphrases; card sign-in is rate-limited per username and address
(settings.ACCOUNT_RATE_LIMITS["card_sign_in"]), so guessing is hopeless.
"""

import re
import secrets

JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"
JOIN_CODE_LENGTH = 6

# Short, common, ASCII words that read the same way to most learners.
WORDS = """
able acid aged also arch area army away baby back bake ball band bank barn base bath bean bear bell belt bike
bird boat body bone book boot bowl bread brick bush cake calm camp card care cart cave chair chalk city clay
clock cloud coat coin cold cook corn cow crab cup dark deer desk dish door dove duck dust east echo egg farm
fern fish flag float flower fog foot fork frog fruit game gate gift glass goat gold grape grass green hall
hand hat hill home horn horse house ice iron jam jar jelly kite lake lamp leaf lemon lime lion long map
melon milk mint moon mouse nest net note ocean olive onion orange owl paint palm park path peach pear pen
piano pink plum pond pot rain rice ring river road rock roof rose salt sand seed ship shoe silk sky snow
soap sock song soup star stone sun swan table tea tent tiger toast tree truck tulip wave well whale wind
wood wool yard zebra
""".split()


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """What a learner typed, as a code: capitals, without spaces or dashes."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def new_username_stem() -> str:
    return f"{secrets.choice(WORDS)}{secrets.randbelow(900) + 100}"


def new_passphrase() -> str:
    words = [secrets.choice(WORDS) for _ in range(3)]
    return " ".join(words + [f"{secrets.randbelow(90) + 10}"])


def normalise_passphrase(text: str) -> str:
    """What a learner typed on their card: lowercase, single spaces (phones
    capitalise the first letter and add a space after a word)."""
    return " ".join((text or "").lower().split())
