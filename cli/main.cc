#include "cli/commands.h"

int main(int argc, char** argv) { return newsfacts::cli::Run(argc, argv); }
