"""Actors: finding who a sentence names, normalising them to ACLED-style names and kinds, and assigning
them to the sides of an event. Sources (news agencies, rescue services, state media) are kept apart."""

from eventwire.actors.mentions import ActorMention, SentenceMentions, find_mentions
from eventwire.actors.roles import assign_roles, governing_verb

__all__ = ["ActorMention", "SentenceMentions", "assign_roles", "find_mentions", "governing_verb"]
