"""The citations stage: this article attributing information to another outlet."""
