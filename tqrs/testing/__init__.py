"""Test and benchmark helpers that ship with the package: a fake OpenAI server, sample exports."""
