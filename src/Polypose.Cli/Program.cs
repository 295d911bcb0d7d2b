using Polypose.Cli;

return CliApp.Run(args);
