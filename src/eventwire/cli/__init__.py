"""The `eventwire` command. It only parses arguments and calls library functions, one module per command
group (extract.py, database.py, serve.py, evaluate.py, training.py). The one error handler is here: the
project's typed errors become one line on stderr and their exit code, never a traceback.

The library never imports this package; the command imports the library."""

from __future__ import annotations

import importlib
import os
import sys

import click

from eventwire.errors import EventwireError

# sysexits.h EX_SOFTWARE: eventwire itself failed, not the user's input.
INTERNAL_ERROR = 70
# What a shell reports for a process ended by SIGINT and by SIGPIPE.
INTERRUPTED = 130
BROKEN_PIPE = 141

# Each command's module, imported only when the command is named: `eventwire extract` then never loads
# the web server's or the databases' dependencies, which would cost more than a second of start-up.
COMMANDS = {
    "extract": "eventwire.cli.extract:extract",
    "schema": "eventwire.cli.extract:schema",
    "ingest": "eventwire.cli.database:ingest",
    "export": "eventwire.cli.database:export",
    "serve": "eventwire.cli.serve:serve",
    "eval": "eventwire.cli.evaluate:eval_group",
    "train": "eventwire.cli.training:train_group",
}


def fail(err: EventwireError) -> None:
    """The one way a user's error leaves the command: one line on stderr, the error's exit code."""
    click.echo(f"eventwire: error: {err}", err=True)
    sys.exit(err.exit_code)


class Group(click.Group):
    """Loads `COMMANDS` on use, and turns every error under it into one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, name = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EventwireError as err:
            fail(err)
        except KeyboardInterrupt:
            click.echo("eventwire: interrupted", err=True)
            sys.exit(INTERRUPTED)
        except BrokenPipeError:  # `eventwire extract ... | head`: the reader left, which is not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(BROKEN_PIPE)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:  # a bug: still one line, and the traceback when asked for
            if os.environ.get("EVENTWIRE_DEBUG"):
                raise
            reason = (str(err).strip().splitlines() or [""])[0]
            click.echo(
                f"eventwire: internal error: {type(err).__name__}: {reason}"
                " (set EVENTWIRE_DEBUG=1 to see the traceback)",
                err=True,
            )
            sys.exit(INTERNAL_ERROR)


@click.group(cls=Group)
@click.version_option(package_name="eventwire")
def main() -> None:
    """Turn conflict news into structured, geocoded, de-duplicated event data."""
