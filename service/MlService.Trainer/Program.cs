using MlService.Trainer;
using MlService.Trainer.Commands;

// mlservice-trainer: datagen | train | publish | alias set|list|delete | list  (see --help of each)
return await TrainerCli.RunAsync(args, CliOutput.Console);
