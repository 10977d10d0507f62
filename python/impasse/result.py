"""What every impasse solver returns (docs/design.md, "What every result says")."""

import enum


class Status(str, enum.Enum):
    """How a solver's run ended; compares equal to its name as a string."""

    complete = "complete"            #: the search ran to its end
    limit_reached = "limit_reached"  #: a limit set in the options stopped it
    cancelled = "cancelled"          #: stopped (Ctrl-C, or an exception in a callback)
    failed = "failed"                #: the method could not go on; ``reason`` says why

    def __str__(self):
        return self.value


class Result:
    """A solver's answer and how its run ended.

    Every result has ``equilibria`` (a tuple of profiles, each a tuple with
    one strategy per player: a numpy float array in double, a tuple of
    ``fractions.Fraction`` when the game is exact), ``status`` (a
    :class:`Status`), ``reason``, ``exact`` and ``error_bound``; each solver
    adds its own counts and answers (``pivots``, ``value``, ``boxes``...),
    listed by ``fields``.
    """

    def __init__(self, **fields):
        fields["status"] = Status(fields["status"])
        self.__dict__.update(fields)
        self.fields = tuple(fields)

    def __len__(self):
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __repr__(self):
        return (f"<impasse.Result: {len(self.equilibria)} equilibria, {self.status.value}"
                f"{', exact' if self.exact else f', error bound {self.error_bound:.3g}'}"
                f"{f' ({self.reason})' if self.reason else ''}>")
