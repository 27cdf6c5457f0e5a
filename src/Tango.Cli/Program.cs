using System.CommandLine;
using Tango.Cli;

return TangoCommand.Build().Parse(args).Invoke();
