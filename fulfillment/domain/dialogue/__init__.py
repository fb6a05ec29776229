"""The dialogue: turns an understood utterance plus session state into an action and a reply."""
