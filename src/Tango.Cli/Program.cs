using Tango.Cli;

return TangoCommand.Run(args);
