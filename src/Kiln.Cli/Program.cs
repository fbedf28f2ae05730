using Kiln.Cli;

return KilnCli.Run(args, Console.Out, Console.Error);
